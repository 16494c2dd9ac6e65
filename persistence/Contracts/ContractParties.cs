
namespace Governance.Persistence.Contracts;

/// <summary>Reads parties from the members area's tables (members, member_keys, consortium_settings).</summary>
internal sealed class ContractParties(GovernanceDbContext db) : IContractParties
{
    public async Task<IReadOnlyDictionary<string, PartyStanding>> StandingsAsync(IEnumerable<string> memberIds, CancellationToken cancellationToken = default)
    {
        var ids = memberIds.ToArray();
        var rows = await db.Database
            .SqlQuery<MemberStandingRow>($"SELECT id AS \"Id\", status AS \"Status\" FROM members WHERE id = ANY({ids}) AND 'member' = ANY(roles)")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Status == "active" ? PartyStanding.Active : PartyStanding.Inactive, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<PartyKey>> KeysAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Database
            .SqlQuery<MemberKeyRecord>($"SELECT key_id AS \"KeyId\", public_jwk AS \"PublicJwk\", removed_at AS \"RemovedAt\" FROM member_keys WHERE member_id = {memberId}")
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PartyKey(r.KeyId, r.PublicJwk, r.RemovedAt is null))];
    }

    public async Task<bool> AllowUnsignedApprovalsForExternalIdentitiesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Database
            .SqlQuery<bool>($"SELECT allow_unsigned_approvals_for_external_identities AS \"Value\" FROM consortium_settings")
            .ToListAsync(cancellationToken);
        return rows.Count == 1 && rows[0];
    }

    private sealed record MemberStandingRow(string Id, string Status);

    private sealed record MemberKeyRecord(string KeyId, string PublicJwk, DateTimeOffset? RemovedAt);
}
