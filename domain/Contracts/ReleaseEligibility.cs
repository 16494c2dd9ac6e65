namespace Governance.Domain.Contracts;

/// <summary>Whether a contract allows a release right now; <see cref="Reason"/> says why not.</summary>
public sealed record ReleaseEligibility(bool Allowed, ReleaseIneligibility? Reason, string Detail)
{
    public static ReleaseEligibility Eligible { get; } = new(true, null, "The contract is in force.");

    public static ReleaseEligibility Refused(ReleaseIneligibility reason, string detail) => new(false, reason, detail);

    /// <summary>
    /// Whether a contract in <paramref name="state"/>, with <paramref name="validity"/> and <paramref name="releaseCount"/>
    /// releases so far, allows one more at <paramref name="now"/>.
    /// </summary>
    public static ReleaseEligibility Of(ContractStateName state, ContractValidity validity, int releaseCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validity);
        if (state == ContractStateName.Revoked)
        {
            return Refused(ReleaseIneligibility.Revoked, "The contract was revoked.");
        }

        if (state == ContractStateName.Superseded)
        {
            return Refused(ReleaseIneligibility.Superseded, "The contract was superseded by an accepted amendment.");
        }

        if (state != ContractStateName.Accepted)
        {
            return Refused(ReleaseIneligibility.NotAccepted, $"The contract is {state.ToString().ToLowerInvariant()}, not accepted.");
        }

        if (validity.NotBefore is { } notBefore && now < notBefore)
        {
            return Refused(ReleaseIneligibility.NotYetValid, $"The contract is valid from {notBefore:O}.");
        }

        if (validity.NotAfter is { } notAfter && now >= notAfter)
        {
            return Refused(ReleaseIneligibility.Expired, $"The contract expired at {notAfter:O}.");
        }

        if (validity.MaxReleases is { } max && releaseCount >= max)
        {
            return Refused(ReleaseIneligibility.ReleaseLimitReached, $"The contract's {max} releases are used up.");
        }

        return Eligible;
    }
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
