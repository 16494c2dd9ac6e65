
namespace Governance.Persistence.Contracts;

public static class ContractsPersistence
{
    public static IServiceCollection AddGovernanceContractsPersistence(this IServiceCollection services)
    {
        services.AddScoped<Domain.Contracts.IContractRepository, ContractRepository>();
        services.AddScoped<IContractParties, ContractParties>();
        services.AddScoped<Domain.Contracts.IDepartingMemberContracts, DepartingMemberContracts>();
        return services;
    }
}
