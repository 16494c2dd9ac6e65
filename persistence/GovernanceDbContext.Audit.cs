namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();

    public DbSet<AuditTreeNodeRow> AuditTreeNodes => Set<AuditTreeNodeRow>();

    public DbSet<SignedTreeHeadRow> AuditTreeHeads => Set<SignedTreeHeadRow>();

    public DbSet<ServiceSigningKeyRow> ServiceSigningKeys => Set<ServiceSigningKeyRow>();
}
