namespace Governance.Persistence.Audit;

/// <summary>What one integrity check covered and the first thing it found wrong, if anything.</summary>
/// <param name="From">First entry whose content was re-hashed.</param>
/// <param name="To">End (exclusive) of the re-hashed entries.</param>
/// <param name="HeadsChecked">Signed tree heads whose root was recomputed and whose signature was verified.</param>
/// <param name="Problem">The first mismatch found, or null when everything matched.</param>
public sealed record AuditIntegrityReport(long From, long To, int HeadsChecked, string? Problem, DateTimeOffset CheckedAt)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// The service checks its own log: it re-hashes the newest stretch of entries from their stored content (not from
/// their stored leaf hashes), compares each with its stored leaf hash and the tree's leaf node, recomputes every
/// stored subtree node inside the stretch, and recomputes the roots of the newest signed tree heads (stored
/// nodes before the stretch, recomputed leaves within it) and verifies their signatures with the published keys.
/// An entry altered in place, with or without its leaf hash, therefore no longer matches either its own hash,
/// the tree, or a signed root. Nodes before the stretch are taken as stored; a full check is the offline verifier
/// over an export (<c>governance audit verify</c>).
/// </summary>
public sealed class AuditIntegrityCheck(GovernanceDbContext db, AuditEntries entries, IServiceSigningKeys keys, TimeProvider time)
{
    /// <summary>Signed heads, newest first, whose roots each check recomputes.</summary>
    public const int HeadsPerCheck = 16;

    public async Task<AuditIntegrityReport> CheckNewestAsync(int window, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var size = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) + 1 ?? 0;
        var heads = await db.AuditTreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).Take(HeadsPerCheck).ToListAsync(cancellationToken);
        var newestHead = heads.Count > 0 ? heads[0].TreeSize : size;

        // The stretch ends at the log's end, and starts window entries before the newest signed head, so that head
        // is always covered; at most window entries past it are read (the sequencer may have run ahead of signing).
        var start = Math.Max(0, Math.Min(newestHead, size) - window);
        var end = Math.Min(size, Math.Max(newestHead, start) + window);
        var report = new AuditIntegrityReport(start, end, 0, null, time.GetUtcNow());
        if (heads.Count > 0 && newestHead > size)
        {
            return report with { Problem = $"The signed tree head of size {newestHead} covers more entries than the log holds ({size})." };
        }

        var leaves = new List<byte[]>((int)Math.Min(end - start, int.MaxValue));
        var storedLeafNodes = await NodesAsync(0, start, end, cancellationToken);
        var expected = start;
        await foreach (var row in entries.StreamAsync(start, end, cancellationToken))
        {
            if (row.Sequence != expected)
            {
                return report with { Problem = $"Entry {expected} is missing from the log." };
            }

            var leaf = AuditEntryCanonicalForm.LeafHash(AuditEntries.ToDto(row));
            if (!MerkleHash.AreEqual(leaf, row.LeafHash))
            {
                return report with { Problem = $"Entry {row.Sequence}'s content does not match its recorded leaf hash." };
            }

            if (!storedLeafNodes.TryGetValue(row.Sequence, out var node) || !MerkleHash.AreEqual(leaf, node))
            {
                return report with { Problem = $"Entry {row.Sequence} does not match the tree's leaf at its index." };
            }

            leaves.Add(leaf);
            expected++;
        }

        if (expected != end)
        {
            return report with { Problem = $"Entry {expected} is missing from the log." };
        }

        if (await CheckInnerNodesAsync(start, end, leaves, cancellationToken) is { } nodeProblem)
        {
            return report with { Problem = nodeProblem };
        }

        var published = await keys.GetPublicKeysAsync(cancellationToken);
        var storedNodes = new Dictionary<(int Level, long Index), byte[]>();
        var checkedHeads = 0;
        foreach (var head in heads.Where(h => h.TreeSize >= start && h.TreeSize <= end))
        {
            var root = head.TreeSize == 0 ? MerkleHash.Empty() : await RootAsync(0, head.TreeSize, start, leaves, storedNodes, cancellationToken);
            var name = head.TreeSize.ToString(CultureInfo.InvariantCulture);
            if (!MerkleHash.AreEqual(root, head.RootHash))
            {
                return report with { HeadsChecked = checkedHeads, Problem = $"The signed tree head of size {name} does not match the entries." };
            }

            var key = published.FirstOrDefault(k => k.Kid == head.KeyId && k.Alg == ServiceJwk.TreeHeadAlgorithm);
            using var publicKey = key?.ToECDsa();
            if (publicKey is null || !AuditTreeHeads.ToDto(head).VerifySignature(publicKey))
            {
                return report with { HeadsChecked = checkedHeads, Problem = $"The signed tree head of size {name} does not verify with a published key." };
            }

            checkedHeads++;
        }

        return report with { HeadsChecked = checkedHeads };
    }

    /// <summary>Every stored node above the leaves whose whole range lies in [start, end) must be the hash of those leaves.</summary>
    private async Task<string?> CheckInnerNodesAsync(long start, long end, List<byte[]> leaves, CancellationToken cancellationToken)
    {
        var level = new List<(long Index, byte[] Hash)>(leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            level.Add((start + i, leaves[i]));
        }

        for (var height = 1; level.Count > 1; height++)
        {
            // Pair aligned siblings (2k, 2k+1) whose both halves are inside the stretch.
            var next = new List<(long Index, byte[] Hash)>(level.Count / 2);
            for (var i = 0; i + 1 < level.Count; i++)
            {
                var (leftIndex, left) = level[i];
                var (rightIndex, right) = level[i + 1];
                if ((leftIndex & 1) == 0 && rightIndex == leftIndex + 1)
                {
                    next.Add((leftIndex >> 1, MerkleHash.Node(left, right)));
                    i++;
                }
            }

            if (next.Count == 0)
            {
                break;
            }

            var stored = await NodesAsync(height, next[0].Index, next[^1].Index + 1, cancellationToken);
            foreach (var (index, hash) in next)
            {
                if (!stored.TryGetValue(index, out var node) || !MerkleHash.AreEqual(hash, node))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"The tree node at level {height}, index {index} does not match the entries under it.");
                }
            }

            level = next;
        }

        return null;
    }

    /// <summary>
    /// RFC 9162 MTH of leaves [lo, hi): a perfect, aligned subtree wholly before <paramref name="start"/> is read from
    /// the stored nodes, anything from <paramref name="start"/> on is computed from the re-hashed leaves.
    /// </summary>
    private async Task<byte[]> RootAsync(
        long lo, long hi, long start, List<byte[]> leaves, Dictionary<(int, long), byte[]> stored, CancellationToken cancellationToken)
    {
        var count = hi - lo;
        if (lo >= start)
        {
            return MerkleTreeBuilder.RootOf(leaves.Skip((int)(lo - start)).Take((int)count));
        }

        if (hi <= start && BitOperations.IsPow2(count) && lo % count == 0)
        {
            var level = BitOperations.Log2((ulong)count);
            var key = (level, lo >> level);
            if (!stored.TryGetValue(key, out var node))
            {
                var found = await NodesAsync(level, key.Item2, key.Item2 + 1, cancellationToken);
                node = found.TryGetValue(key.Item2, out var hash) ? hash : throw new InvalidDataException("A tree node below the newest signed head is missing.");
                stored[key] = node;
            }

            return node;
        }

        var split = (long)BitOperations.RoundUpToPowerOf2((ulong)count) >> 1;
        var left = await RootAsync(lo, lo + split, start, leaves, stored, cancellationToken);
        var right = await RootAsync(lo + split, hi, start, leaves, stored, cancellationToken);
        return MerkleHash.Node(left, right);
    }

    private async Task<Dictionary<long, byte[]>> NodesAsync(int level, long from, long to, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, byte[]>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = new NpgsqlCommand(
                "SELECT node_index, hash FROM audit_tree_nodes WHERE level = $1 AND node_index >= $2 AND node_index < $3",
                connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = level });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return found;
    }
}
