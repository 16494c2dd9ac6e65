using System.Net.Http.Json;
using System.Text.Json;
using Governance.Api.Hosting.Development;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Operations;
using Governance.Protocol.Service;
using Governance.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// `Governance:Confidential:Simulated`: in Development the service runs confidential mode on a simulated chip of its
/// own, kept in a folder that says how to verify it (root and measurement) and that opens its seal again on restart;
/// anywhere else the setting stops the start.
/// </summary>
public sealed class SimulatedDevelopmentPlatformTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string folder = Directory.CreateTempSubdirectory("governance-simulated-chip-").FullName;

    [Fact]
    public async Task A_development_service_attests_on_its_simulated_chip_and_a_restart_opens_its_own_seal()
    {
        var database = await TestPostgres.CreateDatabaseAsync("simulated");
        ServiceStatus status;
        await using (var first = new SimulatedDevelopmentService(database, folder))
        {
            status = await WaitForOpenAsync(first);
            Assert.Equal("confidential", status.Mode);
            var measurement = (await File.ReadAllTextAsync(Path.Combine(folder, SimulatedServiceChip.MeasurementFileName))).Trim();
            Assert.Equal(measurement, status.Measurement);

            using var cli = new CliRunner(first.Server.CreateHandler);
            var verified = await cli.RunAsync("service", "verify", "--service", first.Server.BaseAddress.ToString(),
                "--measurement-file", Path.Combine(folder, SimulatedServiceChip.MeasurementFileName),
                "--extra-root", Path.Combine(folder, SimulatedServiceChip.RootFileName), "--json");
            Assert.True(verified.ExitCode == 0, verified.ToString());
            using var document = JsonDocument.Parse(verified.Out);
            Assert.True(document.RootElement.GetProperty("trusted").GetBoolean());
            Assert.Equal(measurement, document.RootElement.GetProperty("measurement").GetString());
        }

        await using var second = new SimulatedDevelopmentService(database, folder);
        var reopened = await WaitForOpenAsync(second);
        Assert.Contains("seal", reopened.Reason, StringComparison.Ordinal);
        Assert.Equal(status.Measurement, reopened.Measurement);
        Assert.Equal(status.KeyEncryptionKey, reopened.KeyEncryptionKey);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_a_simulated_platform_stops_the_start_with_a_clear_reason(string environment)
    {
        await using var service = ServiceProcess.Start(folder, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ConnectionStrings__Governance"] = "Host=127.0.0.1;Port=1;Database=unused;Username=unused;Password=unused",
            ["Governance__Confidential__Enabled"] = "true",
            ["Governance__Confidential__Simulated"] = "true",
        });

        Assert.Equal(1, await service.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains($"The service did not start: Governance:Confidential:Simulated is refused in {environment}", service.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, ".local")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<ServiceStatus> WaitForOpenAsync(SimulatedDevelopmentService service)
    {
        using var client = service.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<ServiceStatus>("/service/status", Json))!;
            if (status.State == "open" || DateTime.UtcNow > deadline)
            {
                Assert.True(status.State == "open", $"Expected open, still {status.State}: {status.Reason}");
                return status;
            }

            await Task.Delay(100);
        }
    }

    private sealed class SimulatedDevelopmentService : GovernanceApiFactory
    {
        public SimulatedDevelopmentService(string connectionString, string chipFolder)
        {
            Settings["ConnectionStrings:Governance"] = connectionString;
            Settings["Governance:Confidential:Enabled"] = "true";
            Settings["Governance:Confidential:Simulated"] = "true";
            Settings["Governance:Confidential:SimulatedDirectory"] = chipFolder;
            Settings["Governance:Confidential:CustodyInterval"] = "00:00:00.100";
            Settings["Attestation:Offline"] = "true";
            AddGenesisMember("alice");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
