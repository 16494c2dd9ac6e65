using Governance.Persistence.Contracts;

namespace Governance.Api.Endpoints;

public static class ContractsSetup
{
    public static WebApplicationBuilder AddGovernanceContracts(this WebApplicationBuilder builder)
    {
        builder.Services.AddGovernanceContractsPersistence();
        return builder;
    }
}
