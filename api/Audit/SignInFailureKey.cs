namespace Governance.Api.Audit;

/// <summary>
/// What failed sign-ins are counted by: the reason, the member the token claimed to be (its issuer, when that has the
/// form of a member id; not verified, since the sign-in failed) and the address the request came from.
/// </summary>
public readonly record struct SignInFailureKey(string Reason, string? ClaimedMember, string? ClientAddress);
