using Governance.Persistence.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<SecretRow> Secrets => Set<SecretRow>();
}
