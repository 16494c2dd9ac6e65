namespace Governance.Protocol.Release;

/// <summary>
/// The payload of a release receipt (the JWS is signed ES256 by the service receipt key whose RFC 7638 thumbprint is the header's kid).
/// </summary>
/// <param name="ContractId">The contract released under.</param>
/// <param name="ContractDigest">Lowercase hex SHA-256 of the contract's canonical content, as approved.</param>
/// <param name="ClaimsDigest">Lowercase hex SHA-256 of the verified evidence claims (canonical JSON).</param>
/// <param name="WrappingKeyThumbprint">RFC 7638 thumbprint (base64url) of the key the values were encrypted to.</param>
/// <param name="Released">What left the service, as <c>secret:owner/name</c> and <c>dataset:owner/name</c>.</param>
/// <param name="ReleasedAt">When.</param>
/// <param name="Runtime">What the clean room must enforce: egress, consent, and where its channel is.</param>
/// <param name="Versions">The exact version of every secret sent (datasets' keys and credentials included).</param>
public sealed record ReleaseReceipt(
    string ContractId,
    string ContractDigest,
    string ClaimsDigest,
    string WrappingKeyThumbprint,
    IReadOnlyList<string> Released,
    DateTimeOffset ReleasedAt,
    RuntimeInstructions? Runtime = null,
    IReadOnlyList<ReleasedVersion>? Versions = null)
{
    public const string Type = "governance-release-receipt-v1";

    /// <summary>How <see cref="Released"/> names a secret.</summary>
    public static string SecretItem(string owner, string name) => $"secret:{owner}/{name}";

    /// <summary>How <see cref="Released"/> names a dataset.</summary>
    public static string DatasetItem(string owner, string name) => $"dataset:{owner}/{name}";
}
