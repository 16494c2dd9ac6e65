namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<CustodyRow> Custody => Set<CustodyRow>();

    public DbSet<MeasurementSealRow> CustodySeals => Set<MeasurementSealRow>();

    public DbSet<RecoveryShareRow> RecoveryShares => Set<RecoveryShareRow>();

    public DbSet<KeyRequestRow> KeyRequests => Set<KeyRequestRow>();
}
