using System.Security.Cryptography;
using Governance.Api.Hosting.Development;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// A simulated SEV-SNP platform for the service itself: it answers through the configfs-tsm file protocol, as the
/// kernel does, with reports carrying a launch measurement of the service's own (simulated) build. Its ARK and ASK
/// are written to a PEM file, for <c>--extra-root</c>.
/// </summary>
public sealed class SimulatedServicePlatform : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("governance-confidential-").FullName;

    /// <param name="measurement">The build's launch measurement; a fresh random one when null.</param>
    public SimulatedServicePlatform(byte[]? measurement = null)
    {
        Measurement = measurement ?? RandomNumberGenerator.GetBytes(48);
        SealingKey = new SimulatedSealingKeySource(RandomNumberGenerator.GetBytes(32), Measurement);
        Provider = new SimulatedTsmReportProvider(Path.Combine(folder, "report"), Platform, report => report with { Measurement = Measurement });
        RootFile = Path.Combine(folder, "simulated-root.pem");
        File.WriteAllText(RootFile, Platform.Ark.ExportCertificatePem() + "\n" + Platform.Ask.ExportCertificatePem() + "\n");
    }

    public SimulatedSnpPlatform Platform { get; } = SimulatedSnpPlatform.Create(SnpProduct.Milan);

    /// <summary>The launch measurement of the service's build.</summary>
    public byte[] Measurement { get; }

    /// <summary>The key this chip's firmware would derive for this build (MSG_KEY_REQ), simulated.</summary>
    public SimulatedSealingKeySource SealingKey { get; }

    public string MeasurementHex => Convert.ToHexStringLower(Measurement);

    public SimulatedTsmReportProvider Provider { get; }

    public string RootFile { get; }

    /// <summary>Puts a service into confidential mode on this platform.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Governance:Confidential:Enabled"] = "true";
        settings["Governance:Confidential:TsmPath"] = Provider.ReportDirectory;
        settings["Governance:Confidential:CustodyInterval"] = "00:00:00.100";
        settings["Attestation:Offline"] = "true";
    }

    /// <summary>Has a service trust this platform's root too, as replicas on other chips must to verify each other.</summary>
    public void Trust(IDictionary<string, string?> settings, int index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings[$"Attestation:ExtraTrustedRootFiles:{index}"] = RootFile;
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        Platform.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
