namespace Governance.Domain.Release;

/// <summary>
/// Evidence whose signatures and chain checked out, reduced to what the release decision reads.
/// </summary>
/// <param name="BoundData">The 64 bytes the guest chose and that must equal the release binding: REPORT_DATA
/// (sev-snp) or the runtime claims' user-data (azure-cvm, maa-token); null when the evidence carries none.</param>
/// <param name="Claims">The verified claims the attestation policy is evaluated against.</param>
/// <param name="ClaimsJson">The same claims as JSON (hex for bytes); their canonical SHA-256 names the VM in events and receipts.</param>
public sealed record VerifiedEvidence(byte[]? BoundData, AttestationClaims Claims, JsonObject ClaimsJson)
{
    /// <summary>HOST_DATA (32 bytes), which pins a launch manifest.</summary>
    public byte[] HostData => Claims.HostData;
}
