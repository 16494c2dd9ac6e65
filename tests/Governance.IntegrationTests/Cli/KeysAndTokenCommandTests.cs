using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Members;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.IntegrationTests.Cli;

public sealed class CliFixture : GovernanceApiFactory
{
    public CliFixture()
    {
        Folder = Directory.CreateTempSubdirectory("governance-cli-").FullName;
        var (exit, output, _) = KeysAndTokenCommandTests.Run("keys", "new", "--out", KeyPath).GetAwaiter().GetResult();
        Assert.Equal(0, exit);
        NewKeyOutput = output;
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(KeyPath));
        Dana = AddGenesisMember(new TestMember("dana", ["member"], key));
    }

    public string Folder { get; }

    public string KeyPath => Path.Combine(Folder, "dana.pem");

    public string NewKeyOutput { get; }

    public TestMember Dana { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class KeysAndTokenCommandTests(CliFixture fixture) : IClassFixture<CliFixture>
{
    internal static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GovernanceCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Keys_new_writes_a_P384_private_key_readable_only_by_its_owner_and_the_public_key_beside_it()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.KeyPath));
        }

        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(fixture.KeyPath), StringComparison.Ordinal);
        Assert.Equal(384, fixture.Dana.PrivateKey.KeySize);
        var jwk = JsonDocument.Parse(File.ReadAllText(fixture.KeyPath + ".pub.jwk")).RootElement;
        Assert.Equal("P-384", jwk.GetProperty("crv").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.Contains(fixture.Dana.KeyId, fixture.NewKeyOutput, StringComparison.Ordinal);
        var fromPem = Domain.Members.MemberPublicKey.FromPem(File.ReadAllText(fixture.KeyPath + ".pub.pem"));
        Assert.Equal(fixture.Dana.KeyId, fromPem.KeyId);
    }

    [Fact]
    public async Task Keys_new_does_not_overwrite_without_force()
    {
        var (exit, _, error) = await Run("keys", "new", "--out", fixture.KeyPath);
        Assert.Equal(2, exit);
        Assert.Contains("--force", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_prints_a_token_the_service_accepts()
    {
        var (exit, output, _) = await Run("token", "--member", "dana", "--key", fixture.KeyPath);
        Assert.Equal(0, exit);
        var token = output.Trim();
        var jwt = new JsonWebToken(token);
        Assert.Equal("ES384", jwt.Alg);
        Assert.Equal(fixture.Dana.KeyId, jwt.Kid);

        using var client = fixture.CreateClient(token);
        var me = await client.GetFromJsonAsync<MemberResponse>("/members/me");
        Assert.Equal("dana", me!.Id);
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused_by_the_service()
    {
        var (exit, output, error) = await Run("token", "--member", "dana", "--key", fixture.KeyPath, "--audience", "elsewhere", "--lifetime", "00:02:00");
        Assert.True(exit == 0, error);
        using var client = fixture.CreateClient(output.Trim());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/members/me")).StatusCode);
    }

    [Fact]
    public async Task Keys_new_and_token_answer_in_json_when_asked()
    {
        var keyPath = Path.Combine(fixture.Folder, "json-" + Guid.NewGuid().ToString("N") + ".pem");
        var (exit, output, error) = await Run("keys", "new", "--out", keyPath, "--json");
        Assert.True(exit == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(keyPath, json.RootElement.GetProperty("privateKey").GetString());
            Assert.Equal("P-384", json.RootElement.GetProperty("publicJwk").GetProperty("crv").GetString());
            Assert.False(json.RootElement.GetProperty("publicJwk").TryGetProperty("d", out _));
        }

        (exit, output, error) = await Run("token", "--member", "dana", "--key", fixture.KeyPath, "--json");
        Assert.True(exit == 0, error);
        using var token = JsonDocument.Parse(output);
        Assert.Equal("dana", token.RootElement.GetProperty("member").GetString());
        Assert.Equal(fixture.Dana.KeyId, new JsonWebToken(token.RootElement.GetProperty("token").GetString()).Kid);
    }

    [Fact]
    public async Task Token_refuses_lifetimes_over_ten_minutes_and_missing_keys()
    {
        Assert.Equal(2, (await Run("token", "--member", "dana", "--key", fixture.KeyPath, "--lifetime", "00:11:00")).Exit);
        Assert.Equal(2, (await Run("token", "--member", "dana", "--key", Path.Combine(fixture.Folder, "missing.pem"))).Exit);
        Assert.NotEqual(0, (await Run("token", "--key", fixture.KeyPath)).Exit);
    }
}
