namespace Governance.Domain.Custody;

/// <summary>
/// The consortium's key-encryption key as the database knows it: its id, a check value that tells the right key from
/// a wrong one without revealing it, and the seal over the custody rules that only a holder of the key can make.
/// The key itself is never stored in the clear.
/// </summary>
/// <param name="KeyId">Names the key in wrapped data keys and signing keys.</param>
/// <param name="KeyCheck">HMAC-SHA256 of a fixed label under the key (<see cref="CustodySeals.KeyCheck"/>).</param>
/// <param name="RulesSeal">HMAC over the approved builds and recovery policy (<see cref="CustodySeals.RulesSeal"/>).</param>
public sealed record CustodyRecord(string KeyId, byte[] KeyCheck, byte[] RulesSeal, DateTimeOffset CreatedAt);

/// <summary>The key sealed with the key one chip derives for one build (SNP MSG_KEY_REQ), for restarts there.</summary>
public sealed record MeasurementSeal(string KeyId, string ChipId, string Measurement, byte[] Sealed, DateTimeOffset SealedAt);

/// <summary>One holder's recovery share, as a JWE only that holder's recovery key opens.</summary>
public sealed record StoredRecoveryShare(string MemberId, string KeyId, string RecoveryKeyId, int Threshold, string EncryptedShare, DateTimeOffset CreatedAt);

public enum KeyRequestState
{
    Pending,
    Answered,
    Refused,
}

/// <summary>
/// A new instance's request for the key-encryption key, left in the database for any running instance to answer: its
/// attestation (whose nonce is the request id) binds the transit key the answer is encrypted to.
/// </summary>
/// <param name="Attestation">The requester's attestation, as JSON.</param>
/// <param name="Answer">For an answered request: the responder's signed answer, as JSON.</param>
/// <param name="Reason">For a refused request: each broken rule.</param>
public sealed record KeyRequest(Guid Id, string Measurement, string Attestation, DateTimeOffset CreatedAt, KeyRequestState State, string? Answer, string? Reason, DateTimeOffset? AnsweredAt);
