namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<SecretRow> Secrets => Set<SecretRow>();
}
