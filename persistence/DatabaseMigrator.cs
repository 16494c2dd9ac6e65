using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence;

/// <summary>Applies checked-in migrations. Replicas may start together: PostgreSQL's migration lock serialises them.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(GovernanceDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
    }
}
