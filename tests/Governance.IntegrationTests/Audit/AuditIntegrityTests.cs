using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Governance.Api.Auth;
using Governance.Domain.Audit;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Governance.IntegrationTests.Audit;

/// <summary>
/// The service checks its own log: an entry altered in the database (here by a superuser who disables the
/// append-only trigger) is found by the integrity check and refused when served.
/// </summary>
public sealed class AuditIntegrityTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    /// <summary>Rewrites stored rows as someone with direct database access could, bypassing the append-only triggers.</summary>
    internal static async Task TamperAsync(string connectionString, string table, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE {table} DISABLE TRIGGER USER; {sql}; ALTER TABLE {table} ENABLE TRIGGER USER;", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<AuditIntegrityReport> CheckAsync(int window)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditIntegrityCheck>().CheckNewestAsync(window);
    }

    [Fact]
    public async Task An_entry_altered_in_place_is_found_whether_or_not_its_leaf_hash_was_rewritten_too()
    {
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 37; i++)
            {
                await log.AppendAsync(new AuditRecord(AuditActor.Member("alice"), "test.appended", [$"contract:c{i % 3}"], AuditOutcome.Succeeded, new JsonObject { ["i"] = i }));
                if (i is 20 or 36)
                {
                    await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
                    await scope.ServiceProvider.GetRequiredService<AuditTreeHeads>().LatestAsync();
                }
            }
        }

        // A window of 10 entries: the roots of the heads are recomputed from stored nodes before it and re-hashed entries in it.
        var clean = await CheckAsync(10);
        Assert.True(clean.Intact, clean.Problem);
        Assert.Equal((27L, 37L, 1), (clean.From, clean.To, clean.HeadsChecked));
        Assert.True((await CheckAsync(1000)) is { Intact: true, HeadsChecked: 2 });

        await TamperAsync(database.ConnectionString, "audit_entries", """UPDATE audit_entries SET details = '{"i": 999}' WHERE sequence = 30""");
        var altered = await CheckAsync(10);
        Assert.False(altered.Intact);
        Assert.Contains("Entry 30", altered.Problem, StringComparison.Ordinal);

        // Rewriting the leaf hash to match does not help: the tree's leaf, and above it the signed root, still differ.
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<AuditEntries>().FindAsync(30, AuditScope.Everything);
            var leaf = Convert.ToHexString(AuditEntryCanonicalForm.LeafHash(AuditEntries.ToDto(row!)));
            await TamperAsync(database.ConnectionString, "audit_entries", $"UPDATE audit_entries SET leaf_hash = '\\x{leaf}' WHERE sequence = 30");
            Assert.Contains("leaf at its index", (await CheckAsync(10)).Problem, StringComparison.Ordinal);
            await TamperAsync(database.ConnectionString, "audit_tree_nodes", $"UPDATE audit_tree_nodes SET hash = '\\x{leaf}' WHERE level = 0 AND node_index = 30");
            Assert.Contains("tree node", (await CheckAsync(10)).Problem, StringComparison.Ordinal);
        }
    }
}

public sealed class AuditIntegrityApiTests(AuditApiFactory factory) : IClassFixture<AuditApiFactory>
{
    [Fact]
    public async Task An_altered_entry_is_refused_when_served_and_readiness_reports_the_log_unhealthy()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            for (var i = 0; i < 5; i++)
            {
                await log.AppendAsync(new AuditRecord(AuditActor.Member("alice"), "proposal.created", [$"contract:y{i}"], AuditOutcome.Succeeded, new JsonObject { ["i"] = i }));
            }
        }

        using var auditor = factory.ClientFor("carol", Roles.Auditor);
        var head = (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!;
        var target = head.TreeSize - 2;
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/audit/entries/{target}")).StatusCode);
        var monitor = factory.Services.GetRequiredService<Governance.Api.Audit.AuditIntegrityMonitor>();
        Assert.True((await monitor.CheckNowAsync(CancellationToken.None)).Intact);
        Assert.Equal(HealthStatus.Healthy, (await IntegrityHealthAsync()).Status);

        await AuditIntegrityTests.TamperAsync(factory.ConnectionString, "audit_entries", $"UPDATE audit_entries SET outcome = 'denied' WHERE sequence = {target}");

        var refused = await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/entries/{target}"), HttpStatusCode.Conflict);
        Assert.Contains("leaf hash", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await auditor.GetAsync($"/audit/entries/{target}/proof"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblem(await auditor.GetAsync("/audit/entries?limit=1000"), HttpStatusCode.Conflict);
        Assert.Equal(HealthStatus.Unhealthy, (await IntegrityHealthAsync()).Status);

        Assert.False((await monitor.CheckNowAsync(CancellationToken.None)).Intact);
        var health = await IntegrityHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains($"Entry {target}", health.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await factory.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    private async Task<HealthReportEntry> IntegrityHealthAsync()
    {
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "audit-integrity");
        return report.Entries["audit-integrity"];
    }
}
