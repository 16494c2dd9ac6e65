namespace Governance.Persistence;

/// <summary>The one database context: every table the service keeps, configured by the area that owns it.</summary>
public sealed class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : DbContext(options)
{
    public DbSet<MemberRow> Members => Set<MemberRow>();
    public DbSet<MemberKeyRow> MemberKeys => Set<MemberKeyRow>();
    public DbSet<ExternalIdentityRow> ExternalIdentities => Set<ExternalIdentityRow>();
    public DbSet<ConsortiumSettingsRow> ConsortiumSettings => Set<ConsortiumSettingsRow>();
    public DbSet<ProposalRow> Proposals => Set<ProposalRow>();
    public DbSet<BallotRow> Ballots => Set<BallotRow>();

    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractApproval> ContractApprovals => Set<ContractApproval>();
    public DbSet<ContractEvent> ContractEvents => Set<ContractEvent>();
    public DbSet<ContractConsent> ContractConsents => Set<ContractConsent>();

    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();
    public DbSet<AuditTreeNodeRow> AuditTreeNodes => Set<AuditTreeNodeRow>();
    public DbSet<SignedTreeHeadRow> AuditTreeHeads => Set<SignedTreeHeadRow>();
    public DbSet<ServiceSigningKeyRow> ServiceSigningKeys => Set<ServiceSigningKeyRow>();

    public DbSet<SecretRow> Secrets => Set<SecretRow>();

    public DbSet<CustodyRow> Custody => Set<CustodyRow>();
    public DbSet<MeasurementSealRow> CustodySeals => Set<MeasurementSealRow>();
    public DbSet<RecoveryShareRow> RecoveryShares => Set<RecoveryShareRow>();
    public DbSet<KeyRequestRow> KeyRequests => Set<KeyRequestRow>();

    public DbSet<ReleaseChallengeRow> ReleaseChallenges => Set<ReleaseChallengeRow>();
    public DbSet<ReleaseBindingRow> ReleaseBindings => Set<ReleaseBindingRow>();

    public DbSet<EndorsementRow> AttestationEndorsements => Set<EndorsementRow>();
    public DbSet<RevocationListRow> AttestationRevocationLists => Set<RevocationListRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseColumnNames());
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);
    }
}
