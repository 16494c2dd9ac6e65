using Governance.Api.Auth;
using Governance.Api.Endpoints;
using Governance.Api.Hosting;
using Governance.Api.Problems;

var builder = WebApplication.CreateBuilder(args);

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

var app = builder.Build();

if (args.Contains("migrate"))
{
    // `dotnet run --project api -- migrate`: apply migrations and exit, for operators who migrate explicitly.
    await app.RunMigrateCommandAsync();
    return;
}

await app.PrepareDatabaseAsync();

app.UseGovernanceProblems();
app.UseGovernanceSwagger();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthApi();
app.MapSecretsApi();
app.MapReleaseApi();
app.MapMembersApi();
app.MapProposalsApi();
app.MapAuditApi().MapKeysApi();
app.MapContractsApi();

await app.RunAsync();

/// <summary>Entry point; public so tests can host the real application.</summary>
public partial class Program;
