namespace Governance.Api.Endpoints;

public static class ContractsSetup
{
    public static WebApplicationBuilder AddGovernanceContracts(this WebApplicationBuilder builder)
    {
        builder.Services.AddGovernanceContractsPersistence();
        builder.Services.AddSingleton<IContractAcceptanceSeals, ContractAcceptanceSeals>();
        builder.Services.AddScoped<IStartupTask, AcceptanceSealBackfill>();
        return builder;
    }
}
