namespace Governance.Persistence.Members;

internal sealed class ConsortiumRulesReader(GovernanceDbContext db) : IConsortiumRules
{
    public async Task<ConsortiumSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.ConsortiumSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToSettings(row);
    }

    public async Task<bool> AllowUnsignedApprovalsForExternalIdentitiesAsync(CancellationToken cancellationToken = default) =>
        await db.ConsortiumSettings.AsNoTracking()
            .Select(s => s.AllowUnsignedApprovalsForExternalIdentities)
            .SingleOrDefaultAsync(cancellationToken);

    internal static ConsortiumSettings ToSettings(ConsortiumSettingsRow row) => new(
        row.Name,
        new ConsortiumRules(
            QuorumRules.TryParse(row.MembershipQuorum, out var quorum) ? quorum : QuorumRule.Majority,
            row.AllowUnsignedApprovalsForExternalIdentities),
        row.CreatedAt)
    {
        Custody = new ServiceCustodyRules(
            [.. row.ServiceMeasurements],
            row.RecoveryThreshold is { } threshold ? RecoveryPolicy.Create(threshold, row.RecoveryHolders) : null),
    };
}
