using Governance.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the database context and the stores that live in PostgreSQL.</summary>
    public static IServiceCollection AddGovernancePersistence(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<GovernanceDbContext>(options => options.UseNpgsql(connectionString));
        services.AddGovernanceAuditLog();
        return services;
    }
}
