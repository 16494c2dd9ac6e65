WebApplicationBuilder? builder = null;
try
{
    builder = WebApplication.CreateBuilder(args);

    builder.AddGovernanceDatabase();
    builder.AddGovernanceProblems();
    builder.AddGovernanceTelemetry();
    builder.AddGovernanceAuthentication();
    builder.AddGovernanceSwagger();
    builder.AddGovernanceAttestation();
    builder.AddGovernanceSecrets();
    builder.AddGovernanceServiceKeys();
    builder.AddGovernanceRelease();
    builder.AddGovernanceMembers();
    builder.AddGovernanceAudit();
    builder.AddGovernanceContracts();
    builder.AddGovernanceConfidentialMode();
    builder.AddGovernanceUseCases();

    var app = builder.Build();

    if (args.Contains("migrate"))
    {
        // `dotnet run --project api -- migrate`: apply migrations and exit, for operators who migrate explicitly.
        await app.RunMigrateCommandAsync();
        return 0;
    }

    await app.PrepareDatabaseAsync();

    app.UseGovernanceProblems();
    app.UseGovernanceSwagger();
    app.UseGovernanceConsole();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapHealthApi();
    app.MapSecretsApi();
    app.MapReleaseApi();
    app.MapMembersApi();
    app.MapProposalsApi();
    app.MapAuditApi().MapKeysApi();
    app.MapContractsApi();
    app.MapServiceApi();

    await app.RunAsync();
    return 0;
}
catch (Exception failure) when (failure is not HostAbortedException)
{
    // An operator reading a failed start needs the setting to fix, not a stack trace: one line on stderr, and an exit
    // code a supervisor sees. (HostAbortedException is how test hosts and `dotnet ef` stop the program after Build.)
    Console.Error.WriteLine(StartupFailure.Describe(failure));
    // The local cluster, if this run started one, is stopped rather than left without its service. It is registered as
    // an instance, so the registration finds it whether or not the app was built, and even after a failed host start
    // has disposed the app's service provider.
    var cluster = builder?.Services.FirstOrDefault(service => service.ServiceType == typeof(LocalPostgresCluster))?.ImplementationInstance as LocalPostgresCluster;
    cluster?.Stop();
    return 1;
}

/// <summary>Entry point; public so tests can host the real application.</summary>
public partial class Program;
