namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<ReleaseChallengeRow> ReleaseChallenges => Set<ReleaseChallengeRow>();

    public DbSet<ReleaseBindingRow> ReleaseBindings => Set<ReleaseBindingRow>();
}
