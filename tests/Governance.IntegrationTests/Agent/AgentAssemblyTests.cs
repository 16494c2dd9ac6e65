using Governance.Agent;

namespace Governance.IntegrationTests.Agent;

public sealed class AgentAssemblyTests
{
    [Fact]
    public void The_agent_carries_neither_the_admin_cli_nor_the_verification_library_with_its_simulated_platform()
    {
        Assert.Equal("governance-agent", typeof(ReleaseAgent).Assembly.GetName().Name);
        var referenced = typeof(ReleaseAgent).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Governance.Client", referenced);
        Assert.DoesNotContain("governance", referenced);
        Assert.DoesNotContain("Governance.Attestation", referenced);
        Assert.DoesNotContain("Spectre.Console", referenced);
    }
}
