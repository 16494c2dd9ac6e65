using Governance.Attestation.Policy;
using Governance.Domain.Contracts;
using Governance.Domain.Secrets;

namespace Governance.Domain.Release;

/// <summary>
/// What the release path needs to know about a contract at the moment of a request: who the parties are, what the
/// clean room must prove, what may be released, whether it is in force (<see cref="Eligibility"/>), and whether the
/// stored content still hashes to <see cref="Digest"/> (<see cref="ContentMatchesDigest"/>), which the release then
/// checks against <see cref="AcceptanceSeal"/>, the service's signed statement of the digest the parties accepted.
/// </summary>
/// <param name="Policy">The attestation policy evidence is evaluated against: the content's, with the clean room's VMPL.</param>
/// <param name="State">The effective state (expiry included), as the refusal reports it.</param>
public sealed record ReleaseContract(
    string Id,
    string Digest,
    IReadOnlyList<string> Parties,
    AttestationPolicy Policy,
    ReleaseRuntime? CustomRuntime,
    IReadOnlyList<ReleaseSecretRef> Secrets,
    IReadOnlyList<ReleaseDatasetRef> Datasets,
    ReleaseEligibility Eligibility,
    string State,
    bool ContentMatchesDigest,
    string? AcceptanceSeal)
{
    /// <summary>Whether the contract names the workload it releases to (<see cref="WorkloadPinning"/>).</summary>
    public bool PinsWorkload =>
        WorkloadPinning.Pins(Policy.Measurements.Count, Policy.HostData.Count, Policy.IdKeyDigests.Count, CustomRuntime is not null);

    /// <summary>Every secret a release of this contract sends: the named secrets, each dataset's key and credential.</summary>
    public IReadOnlyList<SecretRef> SecretsToRelease =>
    [
        .. Secrets.Select(s => new SecretRef(s.Owner, s.Name)),
        .. Datasets.Select(d => new SecretRef(d.Owner, d.KeySecret)),
        .. Datasets.Where(d => d.CredentialSecret is not null).Select(d => new SecretRef(d.Owner, d.CredentialSecret!)),
    ];
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
