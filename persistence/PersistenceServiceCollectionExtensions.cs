using Governance.Persistence.Audit;
using Governance.Persistence.Keys;
using Governance.Persistence.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Governance.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the database context and the stores that live in PostgreSQL.</summary>
    public static IServiceCollection AddGovernancePersistence(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<GovernanceDbContext>(options => options.UseNpgsql(WithAutoPrepare(connectionString)));
        services.AddGovernanceAuditLog();
        services.AddGovernanceServiceSigningKeys();
        services.AddScoped<IMemberDirectory, MemberDirectory>();
        services.AddScoped<IConsortiumRules, ConsortiumRulesReader>();
        services.AddScoped<MembershipService>();
        return services;
    }

    /// <summary>
    /// Lets Npgsql prepare the statements the service repeats (every request runs the same few), so PostgreSQL
    /// parses and plans them once per connection; a connection string that sets it itself wins.
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }
}
