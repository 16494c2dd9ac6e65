namespace Governance.Persistence.Audit;

/// <summary>
/// Roots and proofs from the stored perfect subtrees: each needs O(log n) node rows, fetched in one query,
/// whatever the size of the log.
/// </summary>
public sealed class AuditTree(GovernanceDbContext db)
{
    /// <summary>Number of committed entries (they always form a gap-free prefix).</summary>
    public async Task<long> SizeAsync(CancellationToken cancellationToken = default) =>
        await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) + 1 ?? 0;

    public async Task<byte[]> RootAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        var range = MerkleProofPlan.Root(treeSize);
        var nodes = await NodesAsync(range.PerfectSubtrees(), cancellationToken);
        return range.Hash(id => nodes[id]);
    }

    /// <summary>Audit path of <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    public Task<IReadOnlyList<byte[]>> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            throw DomainException.Invalid($"Entry {leafIndex} is not in a tree of {treeSize} entries.");
        }

        return ProofAsync(MerkleProofPlan.Inclusion(leafIndex, treeSize), cancellationToken);
    }

    public Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        if (oldSize < 0 || oldSize > newSize)
        {
            throw DomainException.Invalid("The old tree size must be between 0 and the new tree size.");
        }

        return ProofAsync(MerkleProofPlan.Consistency(oldSize, newSize), cancellationToken);
    }

    private async Task<IReadOnlyList<byte[]>> ProofAsync(IReadOnlyList<MerkleRange> plan, CancellationToken cancellationToken)
    {
        var nodes = await NodesAsync(plan.SelectMany(r => r.PerfectSubtrees()), cancellationToken);
        return [.. plan.Select(r => r.Hash(id => nodes[id]))];
    }

    private async Task<Dictionary<MerkleNodeId, byte[]>> NodesAsync(IEnumerable<MerkleNodeId> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var found = new Dictionary<MerkleNodeId, byte[]>();
        if (wanted.Count == 0)
        {
            return found;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = new NpgsqlCommand("""
                SELECT q.level, q.node_index,
                       (SELECT n.hash FROM audit_tree_nodes n WHERE n.level = q.level AND n.node_index = q.node_index)
                FROM unnest($1::int[], $2::bigint[]) AS q(level, node_index)
                """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. wanted.Select(w => w.Level)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. wanted.Select(w => w.Index)] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (await reader.IsDBNullAsync(2, cancellationToken))
                {
                    continue;
                }

                found[new MerkleNodeId(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (found.Count != wanted.Count)
        {
            // Only a tree size beyond the committed log can miss nodes; callers check sizes first.
            throw DomainException.NotFound("tree", "incomplete");
        }

        return found;
    }
}
