using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Governance.Persistence;

/// <summary>Applies checked-in migrations. Replicas may start together: EF's migration lock serialises them.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(GovernanceDbContext db, CancellationToken cancellationToken = default)
    {
        // Creating the history table first spares a fresh database the logged error of querying a missing table.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
