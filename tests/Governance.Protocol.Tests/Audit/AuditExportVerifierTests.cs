using System.Security.Cryptography;
using System.Text.Json;
using Governance.Protocol.Audit;

namespace Governance.Protocol.Tests.Audit;

public sealed class AuditExportVerifierTests : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ServiceJwk jwk;

    public AuditExportVerifierTests() => jwk = ServiceJwk.FromPublicKey(key, DateTimeOffset.UnixEpoch);

    public void Dispose() => key.Dispose();

    private static AuditEntryDto Entry(long sequence, string action = "contract.approved")
    {
        using var details = JsonDocument.Parse($$"""{"n":{{sequence}},"note":"é\u2028"}""");
        var entry = new AuditEntryDto(sequence, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(sequence * 10),
            "member", "alice", action, [$"contract:{sequence % 3}"], "succeeded", details.RootElement.Clone(), $"req-{sequence}", "");
        return entry with { LeafHash = Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(entry)) };
    }

    private static List<AuditEntryDto> Log(int count) => [.. Enumerable.Range(0, count).Select(i => Entry(i))];

    private TreeHeadDto Head(IEnumerable<AuditEntryDto> entries)
    {
        var list = entries.ToList();
        var root = MerkleTreeBuilder.RootOf(list.Select(AuditEntryCanonicalForm.LeafHash));
        var timestamp = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero);
        var signature = key.SignData(TreeHeadDto.SignedBytes(list.Count, root, timestamp, jwk.Kid), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new TreeHeadDto(list.Count, Convert.ToBase64String(root), timestamp, jwk.Kid, Convert.ToBase64String(signature));
    }

    [Fact]
    public void An_intact_export_verifies()
    {
        var log = Log(13);
        var verdict = AuditExportVerifier.Verify(log, Head(log), [jwk]);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public void A_modified_entry_is_named()
    {
        var log = Log(13);
        var head = Head(log);
        log[7] = log[7] with { Action = "contract.rejected" };
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(7, verdict.FirstBadSequence);
    }

    [Fact]
    public void A_modified_entry_with_a_recomputed_leaf_hash_fails_the_root()
    {
        var log = Log(13);
        var head = Head(log);
        var changed = log[7] with { Outcome = "denied" };
        log[7] = changed with { LeafHash = Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(changed)) };
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Contains("root", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        var log = Log(13);
        var head = Head(log);
        log.RemoveAt(4);
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(5, verdict.FirstBadSequence);
    }

    [Fact]
    public void A_deleted_last_entry_is_detected()
    {
        var log = Log(13);
        var head = Head(log);
        log.RemoveAt(12);
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(12, verdict.FirstBadSequence);
    }

    [Fact]
    public void Reordered_entries_are_named()
    {
        var log = Log(13);
        var head = Head(log);
        (log[3], log[4]) = (log[4], log[3]);
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(4, verdict.FirstBadSequence);
    }

    [Fact]
    public void Reordered_entries_renumbered_with_recomputed_hashes_fail_the_root()
    {
        var log = Log(13);
        var head = Head(log);
        var a = log[3] with { Sequence = 4 };
        var b = log[4] with { Sequence = 3 };
        log[3] = b with { LeafHash = Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(b)) };
        log[4] = a with { LeafHash = Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(a)) };
        Assert.False(AuditExportVerifier.Verify(log, head, [jwk]).IsValid);
    }

    [Fact]
    public void An_inserted_entry_is_named()
    {
        var log = Log(13);
        var head = Head(log);
        log.Insert(6, Entry(6, "secret.deleted"));
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(6, verdict.FirstBadSequence);
    }

    [Fact]
    public void An_appended_entry_beyond_the_head_is_named()
    {
        var log = Log(13);
        var head = Head(log);
        log.Add(Entry(13));
        var verdict = AuditExportVerifier.Verify(log, head, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Equal(13, verdict.FirstBadSequence);
    }

    [Fact]
    public void A_forged_tree_head_is_refused()
    {
        var log = Log(13);
        var forgedLog = log.Select((e, i) => i == 2 ? e with { ActorId = "mallory" } : e).Select(e => e with { LeafHash = Convert.ToBase64String(AuditEntryCanonicalForm.LeafHash(e)) }).ToList();
        var honest = Head(log);
        var forgedRoot = MerkleTreeBuilder.RootOf(forgedLog.Select(AuditEntryCanonicalForm.LeafHash));
        var forged = honest with { RootHash = Convert.ToBase64String(forgedRoot) };
        var verdict = AuditExportVerifier.Verify(forgedLog, forged, [jwk]);
        Assert.False(verdict.IsValid);
        Assert.Contains("signature", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_signed_by_another_key_is_refused()
    {
        var log = Log(5);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var otherJwk = ServiceJwk.FromPublicKey(other, DateTimeOffset.UnixEpoch);
        Assert.False(AuditExportVerifier.Verify(log, Head(log), [otherJwk]).IsValid);
        Assert.False(AuditExportVerifier.Verify(log, Head(log), [otherJwk with { Kid = jwk.Kid }]).IsValid);
    }

    [Fact]
    public void Canonical_form_is_independent_of_detail_key_order_and_round_trips_through_json()
    {
        var entry = Entry(3);
        using var reordered = JsonDocument.Parse("""{"note":"é\u2028","n":3}""");
        Assert.Equal(AuditEntryCanonicalForm.Serialize(entry), AuditEntryCanonicalForm.Serialize(entry with { Details = reordered.RootElement.Clone() }));
        var roundTripped = JsonSerializer.Deserialize<AuditEntryDto>(JsonSerializer.Serialize(entry, AuditJson.Options), AuditJson.Options)!;
        Assert.Equal(AuditEntryCanonicalForm.LeafHash(entry), AuditEntryCanonicalForm.LeafHash(roundTripped));
    }

    [Fact]
    public void Checkpoint_note_verifies_and_refuses_a_changed_size_or_other_key()
    {
        var root = MerkleTreeBuilder.RootOf(Log(9).Select(AuditEntryCanonicalForm.LeafHash));
        var note = CheckpointNote.Sign("example.test/audit", 9, root, key);
        Assert.StartsWith("example.test/audit\n9\n" + Convert.ToBase64String(root) + "\n\n\u2014 example.test/audit ", note, StringComparison.Ordinal);
        var parsed = CheckpointNote.Verify(note, "example.test/audit", key);
        Assert.NotNull(parsed);
        Assert.Equal(9, parsed.Value.TreeSize);
        Assert.Equal(root, parsed.Value.Root);
        Assert.Null(CheckpointNote.Verify(note.Replace("\n9\n", "\n10\n", StringComparison.Ordinal), "example.test/audit", key));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Null(CheckpointNote.Verify(note, "example.test/audit", other));
        var blob = Convert.FromBase64String(note.Split(' ')[^1].Trim());
        Assert.Equal(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..4], blob[..4]);
    }
}
