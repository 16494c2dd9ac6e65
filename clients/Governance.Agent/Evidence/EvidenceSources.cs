using Governance.Agent.Tpm;

namespace Governance.Agent.Evidence;

/// <summary>Picks the evidence source for <c>--evidence configfs|sev-guest|azure-cvm|auto</c>.</summary>
public static class EvidenceSources
{
    public const string Configfs = "configfs";
    public const string SevGuest = "sev-guest";
    public const string AzureCvm = "azure-cvm";
    public const string Auto = "auto";

    public static IReadOnlyList<string> Modes { get; } = [Auto, Configfs, SevGuest, AzureCvm];

    /// <summary>
    /// configfs-tsm when asked for or when present; /dev/sev-guest when asked for or as the fallback;
    /// otherwise a message naming both paths and what each needs.
    /// </summary>
    /// <param name="azure">The vTPM and the host's certificate endpoint, for <c>azure-cvm</c> (default: /dev/tpmrm0 and Azure's instance metadata).</param>
    public static IEvidenceSource Select(string mode, string tsmPath, string devicePath, int? privilegeLevel = null, AzureCvmSettings? azure = null) => mode switch
    {
        AzureCvm => new AzureCvmEvidenceSource(
            azure?.Tpm ?? TpmAddress.Parse(TpmDeviceTransport.DefaultPath), azure?.Certificates ?? new ThimCertificates(new Uri(ThimCertificates.DefaultEndpoint))),
        Configfs => new ConfigfsTsmEvidenceSource(tsmPath, privilegeLevel),
        SevGuest => new SevGuestEvidenceSource(devicePath, (uint)(privilegeLevel ?? 0)),
        Auto when ConfigfsTsmEvidenceSource.IsPresent(tsmPath) => new ConfigfsTsmEvidenceSource(tsmPath, privilegeLevel),
        Auto when SevGuestEvidenceSource.IsPresent(devicePath) => new SevGuestEvidenceSource(devicePath, (uint)(privilegeLevel ?? 0)),
        Auto => throw new EvidenceUnavailableException(
            $"No SEV-SNP device here: neither {tsmPath} (configfs-tsm: needs configfs mounted and a kernel with TSM reports) " +
            $"nor {devicePath} (needs the sev-guest driver) exists. Run this inside an SEV-SNP confidential VM."),
        _ => throw new ArgumentException($"Unknown evidence source '{mode}'; use {string.Join(", ", Modes)}."),
    };
}

/// <param name="Tpm">Where the vTPM is.</param>
/// <param name="Certificates">Where the host publishes the VCEK chain.</param>
public sealed record AzureCvmSettings(TpmAddress Tpm, ThimCertificates Certificates);
