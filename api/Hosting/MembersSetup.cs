namespace Governance.Api.Hosting;

public static class MembersSetup
{
    /// <summary>Genesis from the bootstrap file, run at start-up after migrations.</summary>
    public static WebApplicationBuilder AddGovernanceMembers(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<GenesisOptions>(builder.Configuration.GetSection(GenesisOptions.Section));
        builder.Services.AddScoped<IStartupTask, GenesisStartupTask>();
        return builder;
    }
}
