namespace Governance.Domain.Release;

/// <summary>
/// One rule a release request broke. <see cref="Rule"/> and <see cref="Detail"/> go to the requester;
/// expected-versus-actual goes only into the audit event the contract's parties read. Nothing here ever
/// describes a secret value.
/// </summary>
public sealed record ReleaseFailure(string Rule, string Detail, string? Expected = null, string? Actual = null);
