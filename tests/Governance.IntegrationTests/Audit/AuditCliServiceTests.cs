using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Cli.Commands;
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

    private Task<int> ExportAsync(FileInfo file, string token, TextWriter output, string format = "jsonl", Uri? baseAddress = null) =>
        AuditCommands.ExportAsync(baseAddress ?? service.Server.BaseAddress, file, null, null, format, token, output, CancellationToken.None,
            baseAddress is null ? service.Server.CreateHandler() : null);

    [Fact]
    public async Task Export_writes_entries_head_and_keys_that_verify_and_consistency_fetches_its_proof()
    {
        await AppendAsync(7);
        var carol = service.Carol.CreateToken();
        var output = new StringWriter();
        var first = FileOf("first.jsonl");
        Assert.True(await ExportAsync(first, carol, output) == 0, output.ToString());
        var oldHead = JsonSerializer.Deserialize<TreeHeadDto>(await File.ReadAllTextAsync(first.FullName + ".tree-head.json"), AuditJson.Options)!;
        Assert.Equal(oldHead.TreeSize, File.ReadLines(first.FullName).Count());
        var keys = JsonSerializer.Deserialize<ServiceJwkSet>(await File.ReadAllTextAsync(first.FullName + ".keys.json"), AuditJson.Options)!;
        Assert.Contains(keys.Keys, k => k.Kid == oldHead.KeyId);

        var verdict = new StringWriter();
        Assert.True(await AuditCommands.VerifyAsync(first, new FileInfo(first.FullName + ".tree-head.json"), new FileInfo(first.FullName + ".keys.json"), verdict, CancellationToken.None) == 0,
            verdict.ToString());

        var csv = FileOf("first.csv");
        Assert.True(await ExportAsync(csv, carol, output, "csv") == 0, output.ToString());
        var csvHead = JsonSerializer.Deserialize<TreeHeadDto>(await File.ReadAllTextAsync(csv.FullName + ".tree-head.json"), AuditJson.Options)!;
        Assert.Equal(csvHead.TreeSize + 1, File.ReadLines(csv.FullName).Count());

        await AppendAsync(4);
        var second = FileOf("second.jsonl");
        Assert.True(await ExportAsync(second, carol, output) == 0, output.ToString());
        var consistency = new StringWriter();
        var code = await AuditCommands.ConsistencyAsync(
            new FileInfo(first.FullName + ".tree-head.json"), new FileInfo(second.FullName + ".tree-head.json"), null, service.Server.BaseAddress,
            new FileInfo(second.FullName + ".keys.json"), carol, consistency, CancellationToken.None, service.Server.CreateHandler());
        Assert.True(code == 0, consistency.ToString());
        Assert.Contains("VALID", consistency.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_and_an_unreachable_service_exit_with_2_and_say_why()
    {
        var output = new StringWriter();
        Assert.Equal(2, await ExportAsync(FileOf("alice.jsonl"), service.Alice.CreateToken(), output));
        Assert.Contains("403", output.ToString(), StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(2, await ExportAsync(FileOf("nobody.jsonl"), "", output));
        Assert.Contains("401", output.ToString(), StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(2, await ExportAsync(FileOf("offline.jsonl"), service.Carol.CreateToken(), output, baseAddress: new Uri("http://127.0.0.1:1/")));
        Assert.Contains("error:", output.ToString(), StringComparison.Ordinal);

        var head = FileOf("head.json");
        await File.WriteAllTextAsync(head.FullName, JsonSerializer.Serialize(new TreeHeadDto(1, Convert.ToBase64String(new byte[32]), DateTimeOffset.UnixEpoch, "k", "s"), AuditJson.Options));
        output = new StringWriter();
        Assert.Equal(2, await AuditCommands.ConsistencyAsync(head, head, null, service.Server.BaseAddress, null, null, output, CancellationToken.None,
            service.Server.CreateHandler()));
        Assert.Contains("401", output.ToString(), StringComparison.Ordinal);
    }
}
