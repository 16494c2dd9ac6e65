namespace Governance.Api.Endpoints;

public static class ContractsSetup
{
    public static WebApplicationBuilder AddGovernanceContracts(this WebApplicationBuilder builder)
    {
        builder.Services.AddGovernanceContractsPersistence();
        builder.Services.AddSingleton<IContractAcceptanceSeals, ContractAcceptanceSeals>();
        builder.Services.AddScoped<ContractChanges>();
        builder.Services.AddScoped<ContractContentCheck>();
        builder.Services.AddScoped<ContractQueries>();
        builder.Services.AddScoped<ContractWarnings>();
        builder.Services.AddScoped<CreateContract>();
        builder.Services.AddScoped<EditContract>();
        builder.Services.AddScoped<ProposeContract>();
        builder.Services.AddScoped<ApproveContract>();
        builder.Services.AddScoped<RejectContract>();
        builder.Services.AddScoped<WithdrawContract>();
        builder.Services.AddScoped<RevokeContract>();
        builder.Services.AddScoped<ChangeConsent>();
        builder.Services.AddScoped<AmendContract>();
        builder.Services.AddScoped<DiffContract>();
        builder.Services.AddScoped<IStartupTask, AcceptanceSealBackfill>();
        return builder;
    }
}
