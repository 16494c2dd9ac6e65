namespace Governance.Domain.Release;

/// <summary>
/// What the release path needs to know about a contract at the moment of a request: who the parties are, what the
/// clean room must prove, what may be released, whether it is in force (<see cref="Eligibility"/>), and whether the
/// stored content still hashes to <see cref="Digest"/> (<see cref="ContentMatchesDigest"/>), which the release then
/// checks against <see cref="AcceptanceSeal"/>, the service's signed statement of the digest the parties accepted.
/// </summary>
/// <param name="Policy">The attestation policy evidence is evaluated against: the content's, with the clean room's VMPL.</param>
/// <param name="State">The effective state (expiry included), as the refusal reports it.</param>
/// <param name="Revision">The stored revision this view was made from: a grant is written only if it is still current.</param>
/// <param name="MaxReleases">The content's release limit, which a grant's write checks again against the stored count.</param>
/// <param name="Consent">Where the parties' consent stands, from the recorded consent changes.</param>
/// <param name="Egress">The clean room's egress mode (secure, trusted or open).</param>
/// <param name="EgressPolicy">The egress policy, for open egress.</param>
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
    string? AcceptanceSeal,
    int Revision,
    int? MaxReleases,
    ConsentState Consent,
    EgressMode Egress,
    EgressPolicy? EgressPolicy)
{
    /// <summary>The release view of a stored contract at <paramref name="now"/>.</summary>
    /// <param name="stored">The contract's stored columns.</param>
    /// <param name="content">Its content as stored.</param>
    /// <param name="contentMatchesDigest">Whether <paramref name="content"/> hashes to the stored digest.</param>
    /// <param name="now">The moment eligibility and expiry are judged at.</param>
    public static ReleaseContract Of(StoredContract stored, ContractContent content, bool contentMatchesDigest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(content);
        return new ReleaseContract(
            stored.Id.ToString("D"),
            Convert.ToHexStringLower(stored.Digest),
            stored.Parties,
            ContractPolicy.EffectiveFor(content),
            content.CleanRoom.CustomRuntime is { } runtime ? new ReleaseRuntime(runtime.Name, runtime.Digest, runtime.SignerThumbprint) : null,
            [.. content.Secrets.Select(s => new ReleaseSecretRef(s.Owner, s.Name, s.Version))],
            [.. content.Datasets.Select(d => new ReleaseDatasetRef(
                d.Owner, d.Name, d.Location, d.Format, d.SchemaDigest, d.KeySecret, d.CredentialSecret, d.KeySecretVersion, d.CredentialSecretVersion))],
            ReleaseEligibility.Of(stored.State, content.Validity, stored.ReleaseCount, now),
            Contract.EffectiveStateOf(stored.State, stored.NotAfter, now).ToString(),
            contentMatchesDigest,
            stored.AcceptanceSeal,
            stored.Revision,
            content.Validity.MaxReleases,
            stored.Consent,
            content.CleanRoom.Egress,
            content.CleanRoom.EgressPolicy);
    }

    /// <summary>Whether the contract names the workload it releases to (<see cref="WorkloadPinning"/>).</summary>
    public bool PinsWorkload =>
        WorkloadPinning.Pins(Policy.Measurements.Count, Policy.HostData.Count, Policy.IdKeyDigests.Count, CustomRuntime is not null);

    /// <summary>The versions the contract pins, by secret; a secret it does not pin goes out in its current version.</summary>
    public IReadOnlyDictionary<SecretRef, int> Pins
    {
        get
        {
            var pins = new Dictionary<SecretRef, int>();
            foreach (var (secret, version) in Secrets.Select(s => (new SecretRef(s.Owner, s.Name), s.Version))
                .Concat(Datasets.Select(d => (new SecretRef(d.Owner, d.KeySecret), d.KeySecretVersion)))
                .Concat(Datasets.Where(d => d.CredentialSecret is not null).Select(d => (new SecretRef(d.Owner, d.CredentialSecret!), d.CredentialSecretVersion))))
            {
                if (version is { } pinned)
                {
                    pins[secret] = pinned;
                }
            }

            return pins;
        }
    }

    /// <summary>Every secret a release of this contract sends: the named secrets, each dataset's key and credential.</summary>
    public IReadOnlyList<SecretRef> SecretsToRelease =>
    [
        .. Secrets.Select(s => new SecretRef(s.Owner, s.Name)),
        .. Datasets.Select(d => new SecretRef(d.Owner, d.KeySecret)),
        .. Datasets.Where(d => d.CredentialSecret is not null).Select(d => new SecretRef(d.Owner, d.CredentialSecret!)),
    ];
}

/// <summary>A secret of the contract, named by its owner, with the version the contract pins, if any.</summary>
public sealed record ReleaseSecretRef(string Owner, string Name, int? Version = null);

/// <summary>A dataset of the contract and the owner's secrets that open it.</summary>
public sealed record ReleaseDatasetRef(
    string Owner,
    string Name,
    string Location,
    string Format,
    string? SchemaDigest,
    string KeySecret,
    string? CredentialSecret,
    int? KeySecretVersion = null,
    int? CredentialSecretVersion = null);

/// <summary>The clean room's custom runtime, pinned by digest.</summary>
public sealed record ReleaseRuntime(string Name, string? Digest, string? SignerThumbprint);
