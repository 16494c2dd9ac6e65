namespace Governance.Domain.Contracts;

/// <summary>Whether a contract allows a release right now; <see cref="Reason"/> says why not.</summary>
public sealed record ReleaseEligibility(bool Allowed, ReleaseIneligibility? Reason, string Detail)
{
    public static ReleaseEligibility Eligible { get; } = new(true, null, "The contract is in force.");

    public static ReleaseEligibility Refused(ReleaseIneligibility reason, string detail) => new(false, reason, detail);
}

public enum ReleaseIneligibility
{
    NotAccepted,
    Revoked,
    Superseded,
    NotYetValid,
    Expired,
    ReleaseLimitReached,
}
