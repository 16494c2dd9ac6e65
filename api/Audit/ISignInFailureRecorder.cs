namespace Governance.Api.Audit;

/// <summary>
/// Counts failed sign-ins by reason; the counts are written to the audit log once per window as
/// <c>auth.sign-in-failed</c> entries, so a flood of failures neither floods the log nor goes unrecorded.
/// </summary>
public interface ISignInFailureRecorder
{
    /// <param name="reason">A short fixed reason code such as <c>bad-signature</c> or <c>unknown-member</c>; never a secret.</param>
    void Record(string reason);
}
