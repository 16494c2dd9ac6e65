namespace Governance.Domain.Release;

/// <summary>The stored columns of a contract that its release view (<see cref="ReleaseContract.Of"/>) is made from, besides its content.</summary>
/// <param name="Id">The contract's id.</param>
/// <param name="State">The stored state (expiry not applied).</param>
/// <param name="Revision">The stored revision.</param>
/// <param name="ReleaseCount">Releases counted so far.</param>
/// <param name="Digest">The stored content digest (32 bytes).</param>
/// <param name="Parties">The parties column.</param>
/// <param name="NotAfter">The end of validity column.</param>
/// <param name="AcceptanceSeal">The service's signed statement of acceptance, if any.</param>
/// <param name="Consent">Where consent stands, from the recorded consent changes.</param>
public sealed record StoredContract(
    Guid Id,
    ContractStateName State,
    int Revision,
    int ReleaseCount,
    byte[] Digest,
    IReadOnlyList<string> Parties,
    DateTimeOffset? NotAfter,
    string? AcceptanceSeal,
    ConsentState Consent);
