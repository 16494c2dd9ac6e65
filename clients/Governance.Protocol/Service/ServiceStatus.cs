namespace Governance.Protocol.Service;

/// <summary>Whether the service holds its key-encryption key, and if not, why and what would give it.</summary>
/// <param name="Mode"><c>standard</c> (the operator configures the key) or <c>confidential</c>.</param>
/// <param name="State"><c>open</c>, <c>starting</c>, <c>awaiting-key</c> (a replica or the share holders may give it) or <c>refused</c>.</param>
/// <param name="Reason">How the key came, or why it is not held.</param>
/// <param name="Measurement">This instance's build (confidential mode).</param>
/// <param name="KeyEncryptionKey">The id of the consortium's key (confidential mode, once made).</param>
/// <param name="ApprovedMeasurements">The builds the consortium approved.</param>
/// <param name="Recovery">The current recovery shares and how many this instance has received.</param>
public sealed record ServiceStatus(
    string Mode,
    string State,
    string Reason,
    string? Measurement,
    string? KeyEncryptionKey,
    IReadOnlyList<string>? ApprovedMeasurements,
    ServiceRecoveryStatus? Recovery);

/// <param name="Threshold">Shares that recover the key.</param>
/// <param name="Holders">Members holding a share.</param>
/// <param name="Received">Shares this instance has received since it started.</param>
public sealed record ServiceRecoveryStatus(int Threshold, IReadOnlyList<string> Holders, int Received);

/// <summary>A holder's recovery share: a compact JWE (ECDH-ES, A256GCM) to its recovery key, whose plaintext is the share's index byte then its value.</summary>
/// <param name="KeyEncryptionKey">The key the share is of.</param>
/// <param name="RecoveryKeyId">The recovery key (RFC 7638 thumbprint) that opens it.</param>
/// <param name="Threshold">Shares that recover the key.</param>
/// <param name="Share">The JWE.</param>
/// <param name="CreatedAt">When the split was made.</param>
public sealed record RecoveryShareResponse(string KeyEncryptionKey, string RecoveryKeyId, int Threshold, string Share, DateTimeOffset CreatedAt);

/// <summary>How far a recovery has come on the instance a share was submitted to.</summary>
/// <param name="Received">Holders who have submitted.</param>
/// <param name="Threshold">Shares needed.</param>
/// <param name="Recovered">Whether the service holds the key now.</param>
public sealed record RecoverySubmissionResponse(int Received, int Threshold, bool Recovered);

/// <summary>A recovery share for an instance awaiting its key.</summary>
public sealed record SubmitRecoveryShareRequest
{
    /// <summary>The share (index byte, then value) as a compact JWE to the instance's attested transit key: ECDH-ES, A256GCM, <c>kid</c> naming the key.</summary>
    /// <example>eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImtpZCI6Ii4uLiJ9..…</example>
    public required string Share { get; init; }
}
