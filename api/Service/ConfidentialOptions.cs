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
}
