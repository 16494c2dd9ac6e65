using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.IntegrationTests.Cli;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Audit;

/// <summary>`audit export` and `audit consistency --service` against the real service, through the SDK.</summary>
public sealed class AuditCliServiceTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("audit-cli-service-");

    public void Dispose() => folder.Delete(recursive: true);

    private FileInfo FileOf(string name) => new(Path.Combine(folder.FullName, name));

    private async Task AppendAsync(int count)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(new AuditRecord(AuditActor.Member("alice"), "contract.approved", [$"contract:cli{i}"], AuditOutcome.Succeeded, new JsonObject { ["i"] = i }));
        }
    }

    private static string[] Line(params string[] args) => args;

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var cli = service.Cli();
        return await cli.RunAsync(args);
    }

    [Fact]
    public async Task The_readme_lines_export_verify_and_check_consistency_through_the_real_parser()
    {
        await AppendAsync(7);
        var url = service.Server.BaseAddress.ToString();
        var carol = service.Carol.CreateToken();
        var first = FileOf("audit.jsonl");

        // governance audit export --service URL --out audit.jsonl   (an auditor's token from --token)
        var export = await RunAsync("audit", "export", "--service", url, "--out", first.FullName, "--token", carol);
        Assert.True(export.ExitCode == 0, export.ToString());
        var oldHead = JsonSerializer.Deserialize<TreeHeadDto>(await File.ReadAllTextAsync(first.FullName + ".tree-head.json"), AuditJson.Options)!;
        Assert.Equal(oldHead.TreeSize, File.ReadLines(first.FullName).Count());
        var keys = JsonSerializer.Deserialize<ServiceJwkSet>(await File.ReadAllTextAsync(first.FullName + ".keys.json"), AuditJson.Options)!;
        Assert.Contains(keys.Keys, k => k.Kid == oldHead.KeyId);

        // governance audit verify --export audit.jsonl --tree-head audit.jsonl.tree-head.json [--service-keys audit.jsonl.keys.json]
        var verify = await RunAsync("audit", "verify", "--export", first.FullName, "--tree-head", first.FullName + ".tree-head.json", "--service-keys", first.FullName + ".keys.json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("VALID", verify.Out, StringComparison.Ordinal);

        // The token minted from --member/--key like every other command, and csv.
        var csv = FileOf("audit.csv");
        var asCarol = await RunAsync(["audit", "export", .. service.As("carol"), "--out", csv.FullName, "--format", "csv"]);
        Assert.True(asCarol.ExitCode == 0, asCarol.ToString());
        var csvHead = JsonSerializer.Deserialize<TreeHeadDto>(await File.ReadAllTextAsync(csv.FullName + ".tree-head.json"), AuditJson.Options)!;
        Assert.Equal(csvHead.TreeSize + 1, File.ReadLines(csv.FullName).Count());

        // governance audit consistency --old head-a.json --new head-b.json --service URL, the service taken from the config file.
        await AppendAsync(4);
        var second = FileOf("second.jsonl");
        Assert.Equal(0, (await RunAsync("audit", "export", "--service", url, "--out", second.FullName, "--token", carol)).ExitCode);
        using var cli = service.Cli();
        Assert.Equal(0, (await cli.RunAsync("config", "set", "service", url)).ExitCode);
        var consistency = await cli.RunAsync("audit", "consistency", "--old", first.FullName + ".tree-head.json", "--new", second.FullName + ".tree-head.json",
            "--service-keys", second.FullName + ".keys.json", "--token", carol);
        Assert.True(consistency.ExitCode == 0, consistency.ToString());
        Assert.Contains("VALID", consistency.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_and_an_unreachable_service_exit_with_2_and_say_why()
    {
        var url = service.Server.BaseAddress.ToString();
        var byMember = await RunAsync(["audit", "export", .. service.As("alice"), "--out", FileOf("alice.jsonl").FullName]);
        Assert.Equal(2, byMember.ExitCode);
        Assert.Contains("403", byMember.Out, StringComparison.Ordinal);

        var anonymous = await RunAsync("audit", "export", "--service", url, "--out", FileOf("nobody.jsonl").FullName);
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("401", anonymous.Out, StringComparison.Ordinal);

        using (var offline = new CliRunner())
        {
            var unreachable = await offline.RunAsync("audit", "export", "--service", "http://127.0.0.1:1/", "--out", FileOf("offline.jsonl").FullName, "--token", service.Carol.CreateToken());
            Assert.Equal(2, unreachable.ExitCode);
            Assert.Contains("error:", unreachable.Out, StringComparison.Ordinal);
        }

        var noService = await RunAsync("audit", "export", "--out", FileOf("none.jsonl").FullName);
        Assert.Equal(2, noService.ExitCode);
        Assert.Contains("--service", noService.Error, StringComparison.Ordinal);

        var head = FileOf("head.json");
        await File.WriteAllTextAsync(head.FullName, JsonSerializer.Serialize(new TreeHeadDto(1, Convert.ToBase64String(new byte[32]), DateTimeOffset.UnixEpoch, "k", "s"), AuditJson.Options));
        var consistency = await RunAsync("audit", "consistency", "--old", head.FullName, "--new", head.FullName, "--service", url);
        Assert.Equal(2, consistency.ExitCode);
        Assert.Contains("401", consistency.Out, StringComparison.Ordinal);
    }
}
