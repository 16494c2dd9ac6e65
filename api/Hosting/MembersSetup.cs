namespace Governance.Api.Hosting;

public static class MembersSetup
{
    /// <summary>The membership use cases, and genesis from the bootstrap file, run at start-up after migrations.</summary>
    public static WebApplicationBuilder AddGovernanceMembers(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<GenesisOptions>(builder.Configuration.GetSection(GenesisOptions.Section));
        builder.Services.AddScoped<MembershipChanges>();
        builder.Services.AddScoped<FoundConsortium>();
        builder.Services.AddScoped<ProposeMembershipChange>();
        builder.Services.AddScoped<CastBallot>();
        builder.Services.AddScoped<WithdrawProposal>();
        builder.Services.AddScoped<AddOwnKey>();
        builder.Services.AddScoped<SetRecoveryKey>();
        builder.Services.AddScoped<RemoveOwnKey>();
        builder.Services.AddScoped<ProposalQueries>();
        builder.Services.AddScoped<IStartupTask, GenesisStartupTask>();
        return builder;
    }
}
