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

public sealed class AuditLogTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    private static AuditRecord Record(int i) => new(
        i % 2 == 0 ? AuditActor.Member("alice") : AuditActor.System, "test.appended", [$"contract:c{i % 4}"],
        AuditOutcome.Succeeded, new JsonObject { ["i"] = i, ["text"] = "ünï \"q\"", ["nested"] = new JsonObject { ["b"] = 1.5, ["a"] = true } });

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = database.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record(i));
        }

        await SequenceAsync();
    }

    private async Task<long> SequenceAsync()
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
    }

    private async Task<List<AuditEntryRow>> AllRowsAsync()
    {
        await SequenceAsync();
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static List<byte[]> RecomputedLeaves(IEnumerable<AuditEntryRow> rows) =>
        [.. rows.Select(r => AuditEntryCanonicalForm.LeafHash(AuditEntries.ToDto(r)))];

    [Fact]
    public async Task Stored_rows_rehash_to_their_leaves_and_proofs_match_a_straightforward_recomputation_for_every_size()
    {
        await AppendAsync(37);
        var rows = await AllRowsAsync();
        var leaves = RecomputedLeaves(rows);
        Assert.Equal(rows.Select(r => r.LeafHash), leaves);
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));

        await using var scope = database.Services.CreateAsyncScope();
        var tree = scope.ServiceProvider.GetRequiredService<AuditTree>();
        for (var n = 1; n <= 37; n++)
        {
            var root = MerkleTreeBuilder.RootOf(leaves.Take(n));
            Assert.Equal(root, await tree.RootAsync(n));
            for (var m = 0; m < n; m++)
            {
                var path = await tree.InclusionProofAsync(m, n);
                Assert.True(MerkleVerifier.VerifyInclusion(m, n, leaves[m], path, root), $"inclusion {m} in {n}");
            }

            for (var m = 0; m <= n; m++)
            {
                var proof = await tree.ConsistencyProofAsync(m, n);
                Assert.True(MerkleVerifier.VerifyConsistency(m, n, MerkleTreeBuilder.RootOf(leaves.Take(m)), root, proof), $"consistency {m} -> {n}");
            }
        }
    }

    [Fact]
    public async Task A_failed_change_leaves_neither_change_nor_entry_and_a_committed_one_leaves_both()
    {
        long before;
        await SequenceAsync();
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            before = await db.AuditEntries.CountAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO test_changes VALUES (1, 'rolled back')");
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record(1));
            // The change fails after its entry was appended: duplicate key.
            await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO test_changes VALUES (1, 'again')"));
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await SequenceAsync());
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(before, await db.AuditEntries.CountAsync());
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM test_changes WHERE id = 1").SingleAsync());

            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO test_changes VALUES (2, 'kept')");
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record(2));
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await SequenceAsync());
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            Assert.Equal(before + 1, await db.AuditEntries.CountAsync());
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM test_changes WHERE id = 2").SingleAsync());
            // The sequence number of the rolled-back entry was not burnt: the log has no gap.
            Assert.Equal(before, await db.AuditEntries.MaxAsync(e => e.Sequence));
        }
    }

    [Fact]
    public async Task Without_a_transaction_the_append_commits_with_the_contexts_pending_changes()
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var before = await db.ServiceSigningKeys.CountAsync();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var (kekId, wrapped) = scope.ServiceProvider.GetRequiredService<Persistence.Secrets.KeyEncryptionKeyRing>().Wrap(key.ExportPkcs8PrivateKey());
        db.ServiceSigningKeys.Add(new Persistence.Keys.ServiceSigningKeyRow
        {
            KeyId = ServiceJwk.FromPublicKey(key, DateTimeOffset.UnixEpoch).Kid,
            WrappedPrivateKey = wrapped,
            KekId = kekId,
            PublicKeySpki = key.ExportSubjectPublicKeyInfo(),
            CreatedAt = DateTimeOffset.UnixEpoch,
        });
        await SequenceAsync();
        var entries = await db.AuditEntries.CountAsync();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record(3));
        Assert.Null(db.Database.CurrentTransaction);
        Assert.Equal(1, await SequenceAsync());
        Assert.Equal(before + 1, await db.ServiceSigningKeys.CountAsync());
        Assert.Equal(entries + 1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Parallel_writers_and_sequencers_on_several_replicas_give_contiguous_sequence_numbers_and_the_root_recomputes()
    {
        var start = (await AllRowsAsync()).Count;
        using var writing = new CancellationTokenSource();

        // Three sequencers over the same database stand for three replicas, racing the writers and each other.
        var sequencers = Enumerable.Range(0, 3).Select(replica => Task.Run(async () =>
        {
            await using var provider = AuditDatabase.NewServices(database.ConnectionString);
            while (!writing.IsCancellationRequested)
            {
                await using var scope = provider.CreateAsyncScope();
                var sequencer = scope.ServiceProvider.GetRequiredService<AuditSequencer>();
                _ = replica == 0 ? await sequencer.CatchUpAsync() : await sequencer.TrySequenceAsync();
            }
        })).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await using var scope = database.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(Record((writer * 100) + i));
                if (i % 7 == 3)
                {
                    await transaction.RollbackAsync();
                }
                else
                {
                    await transaction.CommitAsync();
                }
            }
        })));
        await writing.CancelAsync();
        await Task.WhenAll(sequencers);

        var rows = await AllRowsAsync();
        Assert.Equal(start + (8 * (40 - 6)), rows.Count);
        Assert.Equal(Enumerable.Range(0, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        var leaves = RecomputedLeaves(rows);
        await using var check = database.Services.CreateAsyncScope();
        Assert.Equal(MerkleTreeBuilder.RootOf(leaves), await check.ServiceProvider.GetRequiredService<AuditTree>().RootAsync(rows.Count));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET action = 'x'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("UPDATE audit_tree_nodes SET hash = '\\x00'")]
    [InlineData("DELETE FROM audit_tree_nodes")]
    [InlineData("TRUNCATE audit_tree_nodes")]
    [InlineData("DELETE FROM audit_tree_heads")]
    [InlineData("TRUNCATE audit_tree_heads CASCADE")]
    [InlineData("UPDATE audit_queue SET action = 'x'")]
    public async Task The_database_refuses_to_change_or_remove_audit_rows(string sql)
    {
        await AppendAsync(1);
        await using (var scope = database.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditTreeHeads>().LatestAsync();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tree_heads_are_signed_by_a_published_key_and_survive_rotation()
    {
        await AppendAsync(5);
        await using var scope = database.Services.CreateAsyncScope();
        var heads = scope.ServiceProvider.GetRequiredService<AuditTreeHeads>();
        var keys = scope.ServiceProvider.GetRequiredService<Persistence.Keys.IServiceSigningKeys>();
        var first = await heads.LatestAsync();
        Assert.Equal(first, await heads.LatestAsync());
        Assert.Equal(first, await heads.AtSizeAsync(first.TreeSize));

        var rotated = await keys.RotateAsync();
        Assert.NotEqual(first.KeyId, rotated.KeyId);
        await AppendAsync(2);
        var second = await heads.LatestAsync();
        Assert.Equal(rotated.KeyId, second.KeyId);

        var published = (await keys.GetAllAsync()).Select(k => ServiceJwk.FromPublicKey(k.PrivateKey, k.CreatedAt)).ToList();
        Assert.Equal(rotated.KeyId, published.First(k => k.Alg == ServiceJwk.TreeHeadAlgorithm).Kid);

        // The receipt key is a separate P-256 key: it is published, and no tree head verifies with it.
        var receiptKey = await keys.GetCurrentAsync(Persistence.Keys.ServiceKeyPurpose.Receipts);
        Assert.Equal(256, receiptKey.PrivateKey.KeySize);
        Assert.Contains(published, k => k.Kid == receiptKey.KeyId && k.Alg == ServiceJwk.ReceiptAlgorithm);
        var forged = second with { KeyId = receiptKey.KeyId };
        forged = forged with
        {
            Signature = Convert.ToBase64String(receiptKey.PrivateKey.SignData(forged.SignedBytes(), System.Security.Cryptography.HashAlgorithmName.SHA384,
                System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
        };
        using (var receiptPublic = published.Single(k => k.Kid == receiptKey.KeyId).ToECDsa())
        {
            Assert.False(forged.VerifySignature(receiptPublic));
        }
        foreach (var head in new[] { first, second })
        {
            using var key = published.Single(k => k.Kid == head.KeyId).ToECDsa();
            Assert.True(head.VerifySignature(key));
            Assert.False((head with { TreeSize = head.TreeSize + 1 }).VerifySignature(key));
        }

        var tree = scope.ServiceProvider.GetRequiredService<AuditTree>();
        var proof = await tree.ConsistencyProofAsync(first.TreeSize, second.TreeSize);
        Assert.True(new ConsistencyProofDto(first.TreeSize, second.TreeSize, [.. proof.Select(Convert.ToBase64String)], first, second).Verify());
        await Assert.ThrowsAsync<Domain.Errors.DomainException>(() => heads.AtSizeAsync(second.TreeSize + 1));
    }

    [Fact]
    public async Task Query_filters_by_action_contract_actor_and_member_visibility_with_a_cursor()
    {
        await AppendAsync(12);
        await using var scope = database.Services.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<AuditEntries>();
        var all = await AllRowsAsync();

        var c1 = await entries.ListAsync(new AuditEntryFilter(ContractId: "c1", Limit: 1000), AuditScope.Everything);
        Assert.Equal(all.Where(r => r.Subjects.Contains("contract:c1")).Select(r => r.Sequence), c1.Select(r => r.Sequence));

        var mine = await entries.ListAsync(new AuditEntryFilter(Limit: 1000), AuditScope.Of("alice", isAuditor: false, []));
        Assert.All(mine, r => Assert.Equal(("member", "alice"), (r.ActorKind, r.ActorId)));
        Assert.NotEmpty(mine);
        Assert.Empty(await entries.ListAsync(new AuditEntryFilter(Limit: 1000), AuditScope.Of("bob", isAuditor: false, [])));

        var page1 = await entries.ListAsync(new AuditEntryFilter(Action: "test.appended", Limit: 5), AuditScope.Everything);
        var page2 = await entries.ListAsync(new AuditEntryFilter(Action: "test.appended", Limit: 5, After: page1[^1].Sequence), AuditScope.Everything);
        Assert.Equal(all.Where(r => r.Action == "test.appended").Take(10).Select(r => r.Sequence), page1.Concat(page2).Select(r => r.Sequence));

        var details = JsonDocument.Parse(all[0].Details).RootElement;
        Assert.Equal(1.5, details.GetProperty("nested").GetProperty("b").GetDouble());
    }
}
