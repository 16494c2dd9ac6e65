namespace Governance.GuestEvidence;

/// <summary>Picks the evidence source for <c>--evidence configfs|sev-guest|azure-cvm|maa-token|auto</c>.</summary>
public static class EvidenceSources
{
    public const string Configfs = "configfs";
    public const string SevGuest = "sev-guest";
    public const string AzureCvm = "azure-cvm";
    public const string MaaToken = "maa-token";
    public const string Auto = "auto";

    public static IReadOnlyList<string> Modes { get; } = [Auto, Configfs, SevGuest, AzureCvm, MaaToken];

    /// <summary>
    /// configfs-tsm when asked for or when present; /dev/sev-guest when asked for or as the fallback;
    /// otherwise a message naming both paths and what each needs.
    /// </summary>
    /// <param name="azure">
    /// The vTPM and the host's certificate endpoint, for <c>azure-cvm</c> and <c>maa-token</c> (default: /dev/tpmrm0 and
    /// Azure's instance metadata), and the attestation provider, which <c>maa-token</c> needs.
    /// </param>
    public static IEvidenceSource Select(string mode, string tsmPath, string devicePath, int? privilegeLevel = null, AzureCvmSettings? azure = null) => mode switch
    {
        AzureCvm => AzureVm(azure),
        MaaToken => new MaaTokenEvidenceSource(AzureVm(azure),
            azure?.Provider ?? throw new ArgumentException("--evidence maa-token needs the attestation provider: --maa https://<name>.<region>.attest.azure.net")),
        Configfs => new ConfigfsTsmEvidenceSource(tsmPath, privilegeLevel),
        SevGuest => new SevGuestEvidenceSource(devicePath, (uint)(privilegeLevel ?? 0)),
        Auto when ConfigfsTsmEvidenceSource.IsPresent(tsmPath) => new ConfigfsTsmEvidenceSource(tsmPath, privilegeLevel),
        Auto when SevGuestEvidenceSource.IsPresent(devicePath) => new SevGuestEvidenceSource(devicePath, (uint)(privilegeLevel ?? 0)),
        Auto => throw new EvidenceUnavailableException(
            $"No SEV-SNP device here: neither {tsmPath} (configfs-tsm: needs configfs mounted and a kernel with TSM reports) " +
            $"nor {devicePath} (needs the sev-guest driver) exists. Run this inside an SEV-SNP confidential VM."),
        _ => throw new ArgumentException($"Unknown evidence source '{mode}'; use {string.Join(", ", Modes)}."),
    };

    private static AzureCvmEvidenceSource AzureVm(AzureCvmSettings? azure) => new(
        azure?.Tpm ?? TpmAddress.Parse(TpmDeviceTransport.DefaultPath), azure?.Certificates ?? new ThimCertificates(new Uri(ThimCertificates.DefaultEndpoint)));
}

/// <param name="Tpm">Where the vTPM is.</param>
/// <param name="Certificates">Where the host publishes the VCEK chain.</param>
/// <param name="Provider">The Azure Attestation provider that turns the report into a token.</param>
public sealed record AzureCvmSettings(TpmAddress Tpm, ThimCertificates Certificates, MaaAttestationClient? Provider = null);
