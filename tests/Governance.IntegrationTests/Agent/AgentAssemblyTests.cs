using Governance.Agent;

namespace Governance.IntegrationTests.Agent;

public sealed class AgentAssemblyTests
{
    [Fact]
    public void The_agent_carries_neither_the_admin_cli_nor_its_console_rendering()
    {
        Assert.Equal("governance-agent", typeof(ReleaseAgent).Assembly.GetName().Name);
        var referenced = typeof(ReleaseAgent).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Governance.Client", referenced);
        Assert.DoesNotContain("governance", referenced);
        Assert.DoesNotContain("Spectre.Console", referenced);
    }
}
