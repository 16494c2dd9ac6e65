namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<MemberRow> Members => Set<MemberRow>();

    public DbSet<MemberKeyRow> MemberKeys => Set<MemberKeyRow>();

    public DbSet<ExternalIdentityRow> ExternalIdentities => Set<ExternalIdentityRow>();

    public DbSet<ConsortiumSettingsRow> ConsortiumSettings => Set<ConsortiumSettingsRow>();

    public DbSet<ProposalRow> Proposals => Set<ProposalRow>();

    public DbSet<BallotRow> Ballots => Set<BallotRow>();
}
