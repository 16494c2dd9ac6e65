namespace Governance.Api.Audit;

/// <summary>
/// Counts failed sign-ins by reason, claimed member and client address; the counts are written to the audit log once per window as
/// <c>auth.sign-in-failed</c> entries, so a flood of failures neither floods the log nor goes unrecorded.
/// </summary>
public interface ISignInFailureRecorder
{
    /// <param name="reason">A short fixed reason code such as <c>bad-signature</c> or <c>unknown-member</c>; never a secret.</param>
    /// <param name="claimedMember">The member id the token claimed, unverified; null when it named none.</param>
    /// <param name="clientAddress">The address the request came from, as the server saw it.</param>
    void Record(string reason, string? claimedMember = null, string? clientAddress = null);
}
