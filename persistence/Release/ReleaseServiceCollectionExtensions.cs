
namespace Governance.Persistence.Release;

public static class ReleaseServiceCollectionExtensions
{
    public static IServiceCollection AddGovernanceReleaseStores(this IServiceCollection services)
    {
        services.AddScoped<ReleaseChallengeStore>();
        services.AddScoped<ReleaseBindings>();
        services.AddScoped<IReleaseContracts, ReleaseContracts>();
        services.AddScoped<IReleaseLedger, ReleaseLedger>();
        services.AddSingleton<ContractContentCache>();
        return services;
    }
}
