namespace Governance.Client.Service;

/// <summary>What one <c>service.unsealed</c> entry's evidence showed: its measurement, and every reason it does not vouch.</summary>
/// <param name="Sequence">The entry's sequence number.</param>
/// <param name="Measurement">The verified report's launch measurement (null when the report did not verify).</param>
/// <param name="VouchesForHead">The evidence verified, its build is approved, and it binds the key that signed the head.</param>
/// <param name="Failures">Why it does not vouch (empty when it does).</param>
public sealed record UnsealedEvidenceVerdict(long Sequence, string? Measurement, bool VouchesForHead, IReadOnlyList<ServiceCheckFailure> Failures);

/// <summary>Whether a tree head was signed by a key an approved build attested to, and what each piece of evidence showed.</summary>
public sealed record TreeHeadAttestationResult(string HeadKeyId, IReadOnlyList<UnsealedEvidenceVerdict> Evidence)
{
    public const string KeyUnattested = "head.key_unattested";

    /// <summary>The entries whose evidence vouches for the head's key, in log order.</summary>
    public IReadOnlyList<UnsealedEvidenceVerdict> Vouching => [.. Evidence.Where(e => e.VouchesForHead)];

    public bool Attested => Evidence.Any(e => e.VouchesForHead);
}

/// <summary>
/// Proves offline, from an audit export alone, that a tree head was signed inside an approved build: every instance
/// of a confidential service logs <c>service.unsealed</c> with the evidence it attested at start, whose REPORT_DATA
/// binds its signing keys. The head is attested when at least one such evidence verifies (report chain to AMD's roots
/// or a given development root, REPORT_DATA over the served keys, build, consortium and the evidence's own nonce,
/// measurement approved) and binds a signing key with the head's key id under which the head's signature verifies.
/// The nonce proves no freshness here: an entry's evidence answers the nonce it carries, and its place in the signed
/// log is what dates it.
/// </summary>
public static class TreeHeadAttestationCheck
{
    public const string UnsealedAction = "service.unsealed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<TreeHeadAttestationResult> CheckAsync(
        IEnumerable<AuditEntryDto> entries, TreeHeadDto head, ServiceTrust trust, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(trust);
        var verdicts = new List<UnsealedEvidenceVerdict>();
        foreach (var entry in entries.Where(e => e.Action == UnsealedAction))
        {
            verdicts.Add(await CheckEntryAsync(entry, head, trust, time, cancellationToken));
        }

        return new TreeHeadAttestationResult(head.KeyId, verdicts);
    }

    private static async Task<UnsealedEvidenceVerdict> CheckEntryAsync(
        AuditEntryDto entry, TreeHeadDto head, ServiceTrust trust, TimeProvider time, CancellationToken cancellationToken)
    {
        var served = ReadEvidence(entry);
        if (served is null)
        {
            return new(entry.Sequence, null, false, [new("evidence.malformed", "the entry carries no readable service attestation in details.evidence")]);
        }

        // Offline there is no nonce of the checker's own: the evidence is checked against the nonce it answered.
        var checkedEvidence = await ServiceAttestationCheck.CheckAsync(served, served.Nonce, trust.Measurements, trust.ExtraRoots, time, cancellationToken);
        var failures = checkedEvidence.Failures.ToList();
        var key = served.Keys.Signing.FirstOrDefault(k => k.Kid == head.KeyId);
        if (key is null)
        {
            failures.Add(new("head.key_not_bound", $"the evidence binds signing keys {string.Join(", ", served.Keys.Signing.Select(k => k.Kid))}, not the head's key {head.KeyId}"));
        }
        else if (!SignedBy(head, key))
        {
            failures.Add(new("head.signature_unbound", $"the head's signature does not verify under the attested key {head.KeyId}"));
        }

        return new(entry.Sequence, checkedEvidence.Measurement, failures.Count == 0, failures);
    }

    private static ServiceAttestation? ReadEvidence(AuditEntryDto entry)
    {
        if (entry.Details.ValueKind != JsonValueKind.Object || !entry.Details.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            var served = evidence.Deserialize<ServiceAttestation>(Json);
            return served is { Nonce: not null, Keys.Signing: not null, Keys.Identity: not null, Keys.Transit: not null, Report: not null, CertificateTable: not null, BuildVersion: not null, Consortium: not null }
                ? served
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool SignedBy(TreeHeadDto head, ServiceJwk key)
    {
        try
        {
            using var publicKey = key.ToECDsa();
            return head.VerifySignature(publicKey);
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
