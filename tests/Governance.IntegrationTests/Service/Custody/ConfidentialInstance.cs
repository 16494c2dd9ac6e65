using Governance.GuestEvidence;
using Governance.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Service.Custody;

/// <summary>
/// One confidential instance of the service on a simulated chip (<paramref name="platform"/>), over a database that
/// other instances may share, trusting the roots of every chip in <paramref name="trusted"/> so replicas can verify
/// each other. Its sealing key is the chip's simulated MSG_KEY_REQ key.
/// </summary>
public sealed class ConfidentialInstance : GovernanceApiFactory
{
    private readonly SimulatedServicePlatform platform;

    public ConfidentialInstance(SimulatedServicePlatform platform, string connectionString, IReadOnlyList<TestMember> members, IEnumerable<SimulatedServicePlatform> trusted)
    {
        this.platform = platform;
        Settings["ConnectionStrings:Governance"] = connectionString;

        // Confidential mode needs no configured key-encryption key: it makes its own.
        Settings.Remove("Secrets:KeyEncryptionKeys:0:Id");
        Settings.Remove("Secrets:KeyEncryptionKeys:0:Key");
        platform.Configure(Settings);
        var index = 0;
        foreach (var chip in trusted)
        {
            chip.Trust(Settings, index++);
        }

        // Each instance disposes its genesis members when it goes; the test's own keep working.
        foreach (var member in members)
        {
            var key = System.Security.Cryptography.ECDsa.Create(member.PrivateKey.ExportParameters(includePrivateParameters: true));
            AddGenesisMember(new TestMember(member.Id, member.Roles, key));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ISealingKeySource>(platform.SealingKey));
    }
}
