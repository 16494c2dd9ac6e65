using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Cli;
using Governance.Domain.Audit;
using Governance.Persistence.Audit;
using Governance.Persistence.Keys;
using Governance.Protocol.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Audit;

/// <summary>The CLI's offline checks on files produced from a real log.</summary>
public sealed class AuditCliTests(AuditDatabase database) : IClassFixture<AuditDatabase>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("audit-cli-");

    public void Dispose() => folder.Delete(recursive: true);

    private string PathOf(string name) => System.IO.Path.Combine(folder.FullName, name);

    private async Task<(List<string> Lines, TreeHeadDto Head)> ExportAsync(int appends)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        for (var i = 0; i < appends; i++)
        {
            await log.AppendAsync(new AuditRecord(AuditActor.Member("alice"), "contract.approved", [$"contract:k{i}"], AuditOutcome.Succeeded, new JsonObject { ["i"] = i }));
        }

        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var head = await scope.ServiceProvider.GetRequiredService<AuditTreeHeads>().LatestAsync();
        var lines = new List<string>();
        await foreach (var row in scope.ServiceProvider.GetRequiredService<AuditEntries>().StreamAsync(0, head.TreeSize))
        {
            lines.Add(JsonSerializer.Serialize(AuditEntries.ToDto(row) with { Proof = null }, AuditJson.Options));
        }

        var keys = await scope.ServiceProvider.GetRequiredService<IServiceSigningKeys>().GetAllAsync();
        await File.WriteAllTextAsync(PathOf("keys.json"), JsonSerializer.Serialize(
            new ServiceJwkSet([.. keys.Select(k => ServiceJwk.FromPublicKey(k.PrivateKey, k.CreatedAt))]), AuditJson.Options));
        return (lines, head);
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await GovernanceCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (code, output.ToString());
    }

    private async Task<(int Code, string Output)> VerifyAsync(IEnumerable<string> lines, TreeHeadDto head)
    {
        await File.WriteAllLinesAsync(PathOf("export.jsonl"), lines);
        await File.WriteAllTextAsync(PathOf("head.json"), JsonSerializer.Serialize(head, AuditJson.Options));
        return await RunAsync("audit", "verify", "--export", PathOf("export.jsonl"), "--tree-head", PathOf("head.json"), "--service-keys", PathOf("keys.json"));
    }

    [Fact]
    public async Task Verify_accepts_an_intact_export_and_names_each_kind_of_tampering()
    {
        var (lines, head) = await ExportAsync(21);

        var intact = await VerifyAsync(lines, head);
        Assert.True(intact.Code == 0, intact.Output);
        Assert.Contains("VALID", intact.Output, StringComparison.Ordinal);

        var modified = lines.ToList();
        modified[9] = modified[9].Replace("contract.approved", "contract.rejected", StringComparison.Ordinal);
        var result = await VerifyAsync(modified, head);
        Assert.Equal(1, result.Code);
        Assert.Contains("Entry 9", result.Output, StringComparison.Ordinal);

        var deleted = lines.Where((_, i) => i != 4).ToList();
        result = await VerifyAsync(deleted, head);
        Assert.Equal(1, result.Code);
        Assert.Contains("Entry 5", result.Output, StringComparison.Ordinal);

        var reordered = lines.ToList();
        (reordered[10], reordered[11]) = (reordered[11], reordered[10]);
        result = await VerifyAsync(reordered, head);
        Assert.Equal(1, result.Code);
        Assert.Contains("Entry 11", result.Output, StringComparison.Ordinal);

        var inserted = lines.ToList();
        inserted.Insert(3, lines[2]);
        result = await VerifyAsync(inserted, head);
        Assert.Equal(1, result.Code);
        Assert.Contains("Entry 2", result.Output, StringComparison.Ordinal);

        var forged = head with { RootHash = Convert.ToBase64String(MerkleHash.Empty()) };
        result = await VerifyAsync(lines, forged);
        Assert.Equal(1, result.Code);
        Assert.Contains("signature", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_json_prints_one_json_verdict_for_a_valid_an_altered_and_an_unreadable_export()
    {
        var (lines, head) = await ExportAsync(4);
        await File.WriteAllLinesAsync(PathOf("export.jsonl"), lines);
        await File.WriteAllTextAsync(PathOf("head.json"), JsonSerializer.Serialize(head, AuditJson.Options));

        var valid = await RunAsync("audit", "verify", "--export", PathOf("export.jsonl"), "--tree-head", PathOf("head.json"), "--json");
        Assert.Equal(0, valid.Code);
        using (var json = JsonDocument.Parse(valid.Output))
        {
            Assert.Equal("valid", json.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("exitCode").GetInt32());
            Assert.Contains("--service-keys", json.RootElement.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        }

        await File.WriteAllLinesAsync(PathOf("export.jsonl"), lines.Take(lines.Count - 1));
        var invalid = await RunAsync("audit", "verify", "--export", PathOf("export.jsonl"), "--tree-head", PathOf("head.json"), "--service-keys", PathOf("keys.json"), "--json");
        Assert.Equal(1, invalid.Code);
        using (var json = JsonDocument.Parse(invalid.Output))
        {
            Assert.Equal("invalid", json.RootElement.GetProperty("verdict").GetString());
            Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        }

        var missing = await RunAsync("audit", "verify", "--export", PathOf("nope.jsonl"), "--tree-head", PathOf("head.json"), "--json");
        Assert.Equal(2, missing.Code);
        using (var json = JsonDocument.Parse(missing.Output))
        {
            Assert.Equal("error", json.RootElement.GetProperty("verdict").GetString());
        }
    }

    [Fact]
    public async Task Verify_reports_bad_input_with_exit_code_2()
    {
        var (_, head) = await ExportAsync(1);
        await File.WriteAllTextAsync(PathOf("head.json"), JsonSerializer.Serialize(head, AuditJson.Options));
        var missing = await RunAsync("audit", "verify", "--export", PathOf("nope.jsonl"), "--tree-head", PathOf("head.json"));
        Assert.Equal(2, missing.Code);
        await File.WriteAllTextAsync(PathOf("bad.json"), "{ not json");
        Assert.Equal(2, (await RunAsync("audit", "verify", "--export", PathOf("head.json"), "--tree-head", PathOf("bad.json"))).Code);
    }

    [Fact]
    public async Task Consistency_accepts_an_extension_and_refuses_a_rewritten_log()
    {
        var (_, oldHead) = await ExportAsync(6);
        var (_, newHead) = await ExportAsync(5);
        await using var scope = database.Services.CreateAsyncScope();
        var proof = await scope.ServiceProvider.GetRequiredService<AuditTree>().ConsistencyProofAsync(oldHead.TreeSize, newHead.TreeSize);
        var dto = new ConsistencyProofDto(oldHead.TreeSize, newHead.TreeSize, [.. proof.Select(Convert.ToBase64String)], oldHead, newHead);
        await File.WriteAllTextAsync(PathOf("old.json"), JsonSerializer.Serialize(oldHead, AuditJson.Options));
        await File.WriteAllTextAsync(PathOf("new.json"), JsonSerializer.Serialize(newHead, AuditJson.Options));
        await File.WriteAllTextAsync(PathOf("proof.json"), JsonSerializer.Serialize(dto, AuditJson.Options));

        var ok = await RunAsync("audit", "consistency", "--old", PathOf("old.json"), "--new", PathOf("new.json"), "--proof", PathOf("proof.json"), "--service-keys", PathOf("keys.json"));
        Assert.True(ok.Code == 0, ok.Output);

        // A head for the old size claiming a different root: its signature fails, and without keys the proof fails.
        var rewritten = oldHead with { RootHash = Convert.ToBase64String(MerkleHash.Leaf([1, 2, 3])) };
        await File.WriteAllTextAsync(PathOf("old.json"), JsonSerializer.Serialize(rewritten, AuditJson.Options));
        Assert.Equal(1, (await RunAsync("audit", "consistency", "--old", PathOf("old.json"), "--new", PathOf("new.json"), "--proof", PathOf("proof.json"), "--service-keys", PathOf("keys.json"))).Code);
        Assert.Equal(1, (await RunAsync("audit", "consistency", "--old", PathOf("old.json"), "--new", PathOf("new.json"), "--proof", PathOf("proof.json"))).Code);
    }
}
