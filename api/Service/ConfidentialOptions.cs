using Governance.GuestEvidence;

namespace Governance.Api.Service;

/// <summary>
/// <c>Governance:Confidential</c>: whether the service runs in confidential mode, inside an SEV-SNP VM that attests
/// it, and where the kernel's configfs-tsm report interface is.
/// </summary>
public sealed class ConfidentialOptions
{
    public const string Section = "Governance:Confidential";

    public bool Enabled { get; set; }

    /// <summary>The configfs-tsm report folder (the kernel's, unless a test serves the same file protocol elsewhere).</summary>
    public string TsmPath { get; set; } = ConfigfsTsmEvidenceSource.DefaultPath;

    /// <summary>
    /// Where the key that seals the key-encryption key to this chip and build comes from: <c>SevGuest</c> (the firmware's
    /// MSG_KEY_REQ through <see cref="SevGuestDevice"/>) or <c>None</c> (no seal: every restart asks a replica or the share holders).
    /// </summary>
    public SealingKeyKind SealingKey { get; set; } = SealingKeyKind.SevGuest;

    public string SevGuestDevice { get; set; } = "/dev/sev-guest";

    /// <summary>
    /// Development only: run on a simulated SEV-SNP platform inside the process (its configfs-tsm and sealing key take
    /// the place of <see cref="TsmPath"/> and <see cref="SealingKey"/>). Refused in any other environment.
    /// </summary>
    public bool Simulated { get; set; }

    /// <summary>With <see cref="Simulated"/>: the folder (relative to the content root) that keeps the simulated chip.</summary>
    public string SimulatedDirectory { get; set; } = ".local/dev/simulated-snp/service";

    /// <summary>How often replicas' key requests are answered and this instance's own is looked for.</summary>
    public TimeSpan CustodyInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public enum SealingKeyKind
{
    SevGuest,
    None,
}
