using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Cli;

/// <summary>`governance audit show SEQ --prove` through the CLI's parser: an entry proved against the signed head, and refused when the head's key is not the one given.</summary>
public sealed class AuditShowCommandTests(CliServiceFixture fixture) : IClassFixture<CliServiceFixture>
{
    [Fact]
    public async Task An_entry_is_proved_in_the_signed_log()
    {
        using var cli = fixture.Cli();

        var result = await cli.RunAsync(["audit", "show", "0", "--prove", .. fixture.As("carol")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"sequence\": 0", result.Out, StringComparison.Ordinal);
        Assert.Contains("entry 0 is in the tree of", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_signed_by_another_key_than_the_one_given_does_not_prove()
    {
        using var cli = fixture.Cli();
        using var http = fixture.CreateClient();
        var keys = JsonNode.Parse(await http.GetStringAsync("/keys"))!;
        foreach (var key in keys["keys"]!.AsArray())
        {
            using var other = ECDsa.Create(key!["crv"]!.GetValue<string>() == "P-384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
            var point = other.ExportParameters(false).Q;
            key["x"] = Base64Url.EncodeToString(point.X);
            key["y"] = Base64Url.EncodeToString(point.Y);
        }

        var forged = Path.Combine(cli.Directory, "forged-keys.json");
        await File.WriteAllTextAsync(forged, keys.ToJsonString());

        var result = await cli.RunAsync(["audit", "show", "0", "--prove", "--service-keys", forged, "--json", .. fixture.As("carol")]);

        Assert.Equal(1, result.ExitCode);
        var outcome = JsonNode.Parse(result.Out)!;
        Assert.Equal("invalid", outcome["proof"]!["verdict"]!.GetValue<string>());
        Assert.Equal(0, outcome["entry"]!["sequence"]!.GetValue<long>());
    }
}
