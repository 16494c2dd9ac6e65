namespace Governance.Protocol.Release;

/// <summary>
/// The payload of the service's answer to a clean room's consent check: a compact JWS, ES256, by the service receipt key
/// (<c>kid</c> names it in <c>GET /keys</c>), <c>typ</c> <see cref="Type"/>. The clean room acts on it: it stops when
/// <see cref="Execution"/> is false, and logs or sends telemetry only while those are true.
/// </summary>
/// <param name="ContractId">The contract.</param>
/// <param name="ContractDigest">Its digest, as approved.</param>
/// <param name="State">Its state (accepted while it answers at all).</param>
/// <param name="Execution">False while a party has paused execution.</param>
/// <param name="PausedBy">The parties that paused it.</param>
/// <param name="Logging">Whether every party allows logging.</param>
/// <param name="Telemetry">Whether every party allows telemetry.</param>
/// <param name="ConsentSequence">How many consent changes were recorded.</param>
/// <param name="Nonce">The nonce the clean room's proof used: the answer is to that request.</param>
/// <param name="WrappingKeyThumbprint">The wrapping key that asked.</param>
/// <param name="IssuedAt">When.</param>
public sealed record ConsentStatement(
    string ContractId,
    string ContractDigest,
    string State,
    bool Execution,
    IReadOnlyList<string> PausedBy,
    bool Logging,
    bool Telemetry,
    int ConsentSequence,
    string Nonce,
    string WrappingKeyThumbprint,
    DateTimeOffset IssuedAt)
{
    public const string Type = "governance-consent-statement-v1";
}

/// <summary>What <c>POST /contracts/{id}/consent-check</c> answers.</summary>
/// <param name="Statement">The signed <see cref="ConsentStatement"/> (compact JWS).</param>
public sealed record ConsentCheckResponse(string Statement);
