using Governance.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();
}
