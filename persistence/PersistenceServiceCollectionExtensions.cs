namespace Governance.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Registers the database context and the stores that live in PostgreSQL.</summary>
    public static IServiceCollection AddGovernancePersistence(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<GovernanceDbContext>(options => options.UseNpgsql(ServiceConnectionString.WithAutoPrepare(connectionString)));
        services.AddGovernanceAuditLog();
        services.AddGovernanceServiceSigningKeys();
        services.AddScoped<Domain.IUnitOfWork, UnitOfWork>();
        services.AddScoped<IMemberDirectory, MemberDirectory>();
        services.AddScoped<IConsortiumRules, ConsortiumRulesReader>();
        services.AddScoped<Domain.Proposals.IMembershipRepository, MembershipRepository>();
        services.AddScoped<Domain.Custody.IServiceCustodyRepository, Custody.ServiceCustodyRepository>();
        return services;
    }
}
