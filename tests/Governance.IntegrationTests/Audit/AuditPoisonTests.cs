using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Governance.IntegrationTests.Audit;

/// <summary>Entries the log cannot store as they are must never stop the entries queued after them.</summary>
public sealed class AuditPoisonTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    private async Task AppendAsync(AuditRecord record)
    {
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(record);
    }

    private async Task<long> SequenceAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
    }

    private async Task<List<AuditEntryRow>> AllRowsAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// The row an unvalidated anonymous request used to queue: a subject far beyond what the GIN index on subjects
    /// takes (random, so compression cannot shrink it), written straight into the queue as the service once did.
    /// </summary>
    private Task<object?> QueuePoisonAsync() => ScalarAsync("""
        INSERT INTO audit_queue (timestamp, actor_kind, actor_id, action, subjects, outcome, details)
        SELECT now(), 'anonymous', 'anonymous', 'release.denied',
               ARRAY['contract:' || string_agg(md5(random()::text), '')], 'denied', '{"contractId":"x"}'
        FROM generate_series(1, 400)
        RETURNING id
        """);

    [Fact]
    public async Task A_queued_entry_the_database_refuses_is_replaced_and_the_entries_after_it_are_still_sequenced()
    {
        var poisoned = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "governance.audit.entries_poisoned")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref poisoned, value));
        listener.Start();

        await SequenceAsync();
        var before = (await AllRowsAsync()).Count;
        await AppendAsync(new AuditRecord(AuditActor.Member("carol"), "test.before", ["contract:c1"], AuditOutcome.Succeeded));
        var queueId = (long)(await QueuePoisonAsync())!;
        await AppendAsync(new AuditRecord(AuditActor.Member("carol"), "test.after", ["contract:c1"], AuditOutcome.Succeeded));

        Assert.Equal(3, await SequenceAsync());

        var rows = await AllRowsAsync();
        Assert.Equal(["test.before", AuditSequencer.PoisonedAction, "test.after"], rows.Skip(before).Select(r => r.Action));
        var replacement = rows[before + 1];
        Assert.Equal(("system", "failed"), (replacement.ActorKind, replacement.Outcome));
        Assert.Equal([$"audit-queue:{queueId}"], replacement.Subjects);
        var details = JsonDocument.Parse(replacement.Details).RootElement;
        Assert.Equal(queueId, details.GetProperty("queueId").GetInt64());
        Assert.Contains("SQLSTATE 54000", details.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("release.denied", details.GetProperty("original").GetProperty("action").GetString());
        Assert.True(details.GetProperty("original").GetProperty("subjects")[0].GetString()!.Length <= AuditBounds.MaxSubjectLength);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM audit_queue"));
        Assert.True(Interlocked.Read(ref poisoned) >= 1);

        // The replacement is an ordinary entry of the tree: every stored leaf rehashes and the root recomputes.
        var leaves = rows.Select(r => AuditEntryCanonicalForm.LeafHash(AuditEntries.ToDto(r))).ToList();
        Assert.Equal(rows.Select(r => r.LeafHash), leaves);
        await using var scope = database.Services.CreateAsyncScope();
        Assert.Equal(MerkleTreeBuilder.RootOf(leaves), await scope.ServiceProvider.GetRequiredService<AuditTree>().RootAsync(rows.Count));

        // And the log goes on.
        await AppendAsync(new AuditRecord(AuditActor.Member("carol"), "test.later", ["contract:c1"], AuditOutcome.Succeeded));
        Assert.Equal(1, await SequenceAsync());
    }

    [Fact]
    public async Task A_queued_entry_without_a_canonical_form_is_replaced_and_the_entries_after_it_are_still_sequenced()
    {
        await SequenceAsync();
        var before = (await AllRowsAsync()).Count;
        // jsonb keeps 1e400 as a number; RFC 8785 has no form for it (it is beyond a double), so no leaf can be computed.
        var queueId = (long)(await ScalarAsync("""
            INSERT INTO audit_queue (timestamp, actor_kind, actor_id, action, subjects, outcome, details)
            VALUES (now(), 'system', 'system', 'test.unhashable', ARRAY['contract:c2'], 'succeeded', '{"n": 1e400}')
            RETURNING id
            """))!;
        await AppendAsync(new AuditRecord(AuditActor.Member("carol"), "test.after", ["contract:c2"], AuditOutcome.Succeeded));

        Assert.Equal(2, await SequenceAsync());

        var rows = await AllRowsAsync();
        Assert.Equal([AuditSequencer.PoisonedAction, "test.after"], rows.Skip(before).Select(r => r.Action));
        var details = JsonDocument.Parse(rows[before].Details).RootElement;
        Assert.Equal(queueId, details.GetProperty("queueId").GetInt64());
        Assert.Contains("canonical", details.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_strings_are_bounded_where_records_are_appended_so_the_entry_is_stored_as_itself()
    {
        var huge = Convert.ToHexString(RandomNumberGenerator.GetBytes(8000));
        await SequenceAsync();
        var before = (await AllRowsAsync()).Count;

        await AppendAsync(new AuditRecord(
            new AuditActor(AuditActorKind.Anonymous, new string('a', 500)), "test.hostile", [$"contract:{huge}", "member:a\0b"], AuditOutcome.Denied,
            new JsonObject { ["nul"] = "x\0y", ["lone"] = "p\ud800q", ["huge"] = huge + huge, ["nested"] = new JsonArray("z\0") }));

        Assert.Equal(1, await SequenceAsync());
        var row = (await AllRowsAsync())[before];
        Assert.Equal("test.hostile", row.Action);
        Assert.True(row.ActorId.Length <= AuditBounds.MaxActorIdLength);
        Assert.True(row.Subjects[0].Length <= AuditBounds.MaxSubjectLength);
        Assert.StartsWith("contract:" + huge[..32], row.Subjects[0], StringComparison.Ordinal);
        Assert.Equal("member:a\\u0000b", row.Subjects[1]);
        var details = JsonDocument.Parse(row.Details).RootElement;
        Assert.Equal("x\\u0000y", details.GetProperty("nul").GetString());
        Assert.Equal("p\uFFFDq", details.GetProperty("lone").GetString());
        Assert.True(details.GetProperty("huge").GetString()!.Length <= AuditBounds.MaxDetailStringLength);
        Assert.Equal("z\\u0000", details.GetProperty("nested")[0].GetString());
    }
}
