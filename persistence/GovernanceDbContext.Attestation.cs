namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<EndorsementRow> AttestationEndorsements => Set<EndorsementRow>();

    public DbSet<RevocationListRow> AttestationRevocationLists => Set<RevocationListRow>();
}
