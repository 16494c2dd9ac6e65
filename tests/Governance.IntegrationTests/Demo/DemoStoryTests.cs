using Governance.Api.Auth;
using Governance.Cli.Demo;
using Governance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Governance.IntegrationTests.Demo;

/// <summary>
/// The service as `dotnet run` has it in Development: demo members with key files on disk, and the simulated
/// platform's roots trusted from a folder the demo writes.
/// </summary>
public sealed class DemoServiceFactory : GovernanceApiFactory
{
    public DemoServiceFactory()
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
        Settings["Secrets:KeyEncryptionKeys:0:Id"] = "kek-demo";
        Settings["Secrets:KeyEncryptionKeys:0:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }

    public string Root { get; }

    public string KeyDirectory { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class DemoStoryTests(DemoServiceFactory factory, ITestOutputHelper output) : IClassFixture<DemoServiceFactory>
{
    [Fact]
    public async Task The_whole_story_behaves_end_to_end()
    {
        _ = factory.Server;
        var scenario = new DemoScenario(factory.Server.BaseAddress, factory.KeyDirectory, Path.Combine(factory.Root, "work"), factory.Server.CreateHandler());
        var passed = await scenario.RunAsync(step => output.WriteLine($"{step.Number}. {step.Name}: {(step.Passed ? "ok" : "FAILED")} {step.Outcome}"), CancellationToken.None);
        Assert.True(passed, string.Join(Environment.NewLine, scenario.Steps.Select(s => $"{s.Number}. {s.Name}: {s.Passed} {s.Outcome}")));
        Assert.All(scenario.Steps, step => Assert.True(step.Passed, step.Name));
    }
}
