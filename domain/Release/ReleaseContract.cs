using Governance.Attestation.Policy;

namespace Governance.Domain.Release;

/// <summary>
/// What the release path needs to know about a contract at the moment of a request: who the parties are,
/// what the clean room must prove, and what may be released. <see cref="EligibilityFailures"/> is empty
/// when the contract is accepted, unrevoked, unexpired and under its release limit. <see cref="ContentMatchesDigest"/>
/// says whether the stored content still hashes to <see cref="Digest"/>, and <see cref="AcceptanceSeal"/> is the service's
/// signed statement of the digest the parties accepted: the release checks both before trusting the row.
/// </summary>
public sealed record ReleaseContract(
    string Id,
    string Digest,
    IReadOnlyList<string> Parties,
    AttestationPolicy Policy,
    uint? Vmpl,
    ReleaseRuntime? CustomRuntime,
    IReadOnlyList<ReleaseSecretRef> Secrets,
    IReadOnlyList<ReleaseDatasetRef> Datasets,
    IReadOnlyList<ReleaseFailure> EligibilityFailures,
    bool ContentMatchesDigest,
    string? AcceptanceSeal)
{
    /// <summary>The policy evaluated: the contract's, with VMPL set by the clean room profile when it sets one.</summary>
    public AttestationPolicy EffectivePolicy => Vmpl is null ? Policy : Policy with { Vmpl = Vmpl };

    /// <summary>
    /// Whether the contract names the workload it releases to; contracts are refused at creation otherwise, and this
    /// catches any stored before that rule.
    /// </summary>
    public bool PinsWorkload =>
        Policy.Measurements.Count > 0 || Policy.HostData.Count > 0 || Policy.IdKeyDigests.Count > 0 || CustomRuntime is not null;
}

/// <summary>A secret of the contract, named by its owner.</summary>
public sealed record ReleaseSecretRef(string Owner, string Name);

/// <summary>A dataset of the contract and the owner's secrets that open it.</summary>
public sealed record ReleaseDatasetRef(
    string Owner,
    string Name,
    string Location,
    string Format,
    string? SchemaDigest,
    string KeySecret,
    string? CredentialSecret);

/// <summary>The clean room's custom runtime, pinned by digest.</summary>
public sealed record ReleaseRuntime(string Name, string? Digest, string? SignerThumbprint);
