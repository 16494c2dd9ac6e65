using System.Security.Cryptography;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Governance.IntegrationTests.Secrets;

/// <summary>The real service with every log record captured (down to Trace), on the embedded backend.</summary>
public class EmbeddedSecretsFactory : GovernanceApiFactory
{
    public static readonly string KekA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public TestMember Alice { get; private set; } = null!;

    public TestMember Bob { get; private set; } = null!;

    public TestMember Operator { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member");
        Operator = AddGenesisMember("ops", "operator");
        Settings["Secrets:KeyEncryptionKeys:0:Id"] = "kek-a";
        Settings["Secrets:KeyEncryptionKeys:0:Key"] = KekA;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
    }
}

/// <summary>
/// The same, with values in a Key Vault reached through the real SDK over HTTPS. The vault reports each
/// deletion in progress once, so the service polls it (briefly, here) before purging.
/// </summary>
public class KeyVaultSecretsFactory : EmbeddedSecretsFactory
{
    public LocalKeyVault Vault { get; } = new();

    public LocalVaultCredential Credential { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Vault.StartAsync();
        Settings["Secrets:KeyVaultUri"] = Vault.VaultUri.ToString();
        Settings["Secrets:KeyVault:DeletePollingInterval"] = "00:00:00.020";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Vault.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Secrets:Backend", nameof(SecretsBackend.AzureKeyVault));
        builder.ConfigureTestServices(services => services.PostConfigure<SecretsOptions>(options =>
        {
            options.KeyVaultCredential = Credential;
            options.ConfigureKeyVaultClient = Vault.Configure;
        }));
    }
}

/// <summary>Key Vault without purging: deleted values stay recoverable in the vault, as with purge protection.</summary>
public sealed class RetainingKeyVaultSecretsFactory : KeyVaultSecretsFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Settings["Secrets:KeyVault:PurgeOnDelete"] = "false";
    }
}
