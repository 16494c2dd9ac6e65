using Governance.Attestation;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Secrets;
using Governance.Persistence.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Release;

/// <summary>The real service with a controllable clock, captured logs and the embedded secret backend.</summary>
public class ReleaseFactory : EmbeddedSecretsFactory
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Settings["Release:RateLimit:PermitLimit"] = "100000";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>
/// The release flow's service: evidence signed by a simulated AMD-like platform is trusted here, as an
/// explicitly configured extra root, and nowhere else.
/// </summary>
public class ReleaseFlowFactory : ReleaseFactory
{
    private static readonly Lazy<SimulatedSnpPlatform> SharedPlatform = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));

    public SimulatedSnpPlatform Platform => SharedPlatform.Value;

    internal CleanRoomVm NewVm(byte[] measurement) => new(Platform, measurement);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new EvidenceVerifier(
                new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [Platform.TrustRoot], Offline = true } }, Time));
            services.AddGovernanceContractsPersistence();
        });
    }
}

/// <summary>
/// The release flow's service for Azure evidence, configured the way an operator would: the simulated platform's
/// ARK/ASK/ASVK as <c>Attestation:ExtraTrustedRootFiles</c> (refused in Production) for HCL reports, and a local
/// attestation provider in <c>Attestation:MaaProviders</c>, whose signing keys the service fetches from its
/// <c>/certs</c> endpoint, for tokens.
/// </summary>
public sealed class AzureReleaseFlowFactory : ReleaseFactory
{
    private static readonly Lazy<SimulatedSnpPlatform> SharedPlatform = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
    private readonly string rootsFile = Path.Combine(Path.GetTempPath(), $"governance-test-roots-{Guid.NewGuid():N}.pem");

    public SimulatedSnpPlatform Platform => SharedPlatform.Value;

    public LocalAttestationProvider Provider { get; } = new();

    internal CleanRoomVm NewVm(byte[] measurement) => new(Platform, measurement);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.StartAsync();
        await File.WriteAllTextAsync(rootsFile, string.Join('\n', Platform.Ark.ExportCertificatePem(), Platform.Ask.ExportCertificatePem(), Platform.Asvk.ExportCertificatePem()));
        Settings["Attestation:Offline"] = "true";
        Settings["Attestation:ExtraTrustedRootFiles:0"] = rootsFile;
        Settings["Attestation:MaaProviders:0"] = Provider.Issuer.AbsoluteUri;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        File.Delete(rootsFile);
    }
}

/// <summary>The same with a tight per-address limit on the challenge and release endpoints.</summary>
public sealed class RateLimitedReleaseFactory : ReleaseFactory
{
    public const int Limit = 3;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Settings["Release:RateLimit:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Release:RateLimit:Window"] = "00:10:00";
    }
}
