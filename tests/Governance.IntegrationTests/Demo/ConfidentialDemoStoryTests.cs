using Governance.Api.Auth;
using Governance.Cli.Demo;
using Governance.Client.Service;
using Governance.GuestEvidence;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Service;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Governance.IntegrationTests.Demo;

/// <summary>
/// The Development service of <see cref="DemoServiceFactory"/> in confidential mode on a simulated chip: no key-encryption
/// key is configured, the service makes its own and seals it to the chip, and the clean room's simulated roots are
/// trusted from the folder the demo writes.
/// </summary>
public sealed class ConfidentialDemoServiceFactory : GovernanceApiFactory
{
    public ConfidentialDemoServiceFactory()
    {
        Root = Path.Combine(Path.GetTempPath(), $"governance-demo-{Guid.NewGuid():N}");
        KeyDirectory = Path.Combine(Root, "keys");
        Directory.CreateDirectory(KeyDirectory);
        foreach (var (id, role) in new[] { ("alice", Roles.Member), ("bob", Roles.Member), ("carol", Roles.Auditor) })
        {
            var member = AddGenesisMember(id, role);
            File.WriteAllText(Path.Combine(KeyDirectory, $"{id}.pem"), member.PrivateKey.ExportPkcs8PrivateKeyPem());
        }

        Settings["Attestation:DevelopmentRootsDirectory"] = Path.Combine(Root, DemoScenario.SimulatedRootsFolder);
        Settings["Release:RateLimit:PermitLimit"] = "100000";
        Platform.Configure(Settings);
    }

    public string Root { get; }

    public string KeyDirectory { get; }

    public SimulatedServicePlatform Platform { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ISealingKeySource>(Platform.SealingKey));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Platform.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class ConfidentialDemoStoryTests(ConfidentialDemoServiceFactory factory, ITestOutputHelper output) : IClassFixture<ConfidentialDemoServiceFactory>
{
    [Fact]
    public async Task The_confidential_story_behaves_end_to_end()
    {
        _ = factory.Server;
        var trust = ServiceTrust.Parse([factory.Platform.MeasurementHex], await File.ReadAllTextAsync(factory.Platform.RootFile));
        var scenario = new DemoScenario(factory.Server.BaseAddress, factory.KeyDirectory, Path.Combine(factory.Root, "work"), factory.Server.CreateHandler(), trust);
        var passed = await scenario.RunAsync(step => output.WriteLine($"{step.Number}. {step.Name}: {(step.Passed ? "ok" : "FAILED")} {step.Outcome}"), CancellationToken.None);
        Assert.True(passed, string.Join(Environment.NewLine, scenario.Steps.Select(s => $"{s.Number}. {s.Name}: {s.Passed} {s.Outcome}")));
        Assert.Contains(scenario.Steps, s => s.Name.StartsWith("The service's fresh attestation", StringComparison.Ordinal));
        Assert.Contains(scenario.Steps, s => s.Outcome.Contains("plaintext value was refused", StringComparison.Ordinal));
        Assert.Contains("mode confidential, state open", scenario.Steps[^2].Outcome, StringComparison.Ordinal);
        Assert.Contains("signs the head", scenario.Steps[^1].Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confidential_story_stops_before_anything_is_sent_to_a_service_of_another_build()
    {
        _ = factory.Server;
        var trust = ServiceTrust.Parse([Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48))], await File.ReadAllTextAsync(factory.Platform.RootFile));
        var scenario = new DemoScenario(factory.Server.BaseAddress, factory.KeyDirectory, Path.Combine(factory.Root, "work-refused"), factory.Server.CreateHandler(), trust);
        Assert.False(await scenario.RunAsync(_ => { }, CancellationToken.None));
        var stopped = scenario.Steps[^1];
        Assert.Equal(2, stopped.Number);
        Assert.Contains("measurement.unapproved", stopped.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confidential_demo_needs_the_services_build_and_measurements_need_confidential()
    {
        using var cli = new CliRunner(factory.Server.CreateHandler);
        string[] common = ["demo", "--service", factory.Server.BaseAddress.ToString(), "--dev-keys", factory.KeyDirectory, "--work", Path.Combine(factory.Root, "work-cli-usage")];
        var missing = await cli.RunAsync([.. common, "--confidential"]);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("--service-measurement", missing.Error, StringComparison.Ordinal);
        var stray = await cli.RunAsync([.. common, "--service-measurement", factory.Platform.MeasurementHex]);
        Assert.True(stray.ExitCode == 2, stray.ToString());
    }
}
