namespace Governance.Agent.Evidence;

/// <summary>Picks the evidence source for <c>--evidence configfs|sev-guest|auto</c>.</summary>
public static class EvidenceSources
{
    public const string Configfs = "configfs";
    public const string SevGuest = "sev-guest";
    public const string Auto = "auto";

    public static IReadOnlyList<string> Modes { get; } = [Auto, Configfs, SevGuest];

    /// <summary>
    /// configfs-tsm when asked for or when present; /dev/sev-guest when asked for or as the fallback;
    /// otherwise a message naming both paths and what each needs.
    /// </summary>
    public static IEvidenceSource Select(string mode, string tsmPath, string devicePath, int? privilegeLevel = null) => mode switch
    {
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
