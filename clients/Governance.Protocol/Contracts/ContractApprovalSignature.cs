namespace Governance.Protocol.Contracts;

/// <summary>
/// The approval signature: a compact JWS (RFC 7515) with header <c>{"alg":"ES256"|"ES384","kid":KEY_ID}</c> over the
/// payload <c>governance-contract-approval-v1:{contract id, lowercase with dashes}:{digest, 64 lowercase hex}</c> (UTF-8).
/// The payload may be detached (<c>header..signature</c>, RFC 7515 appendix F) or attached; either way the
/// signature covers <c>base64url(header) "." base64url(payload)</c>. KEY_ID is the RFC 7638 thumbprint of the member's key.
/// </summary>
public static class ContractApprovalSignature
{
    public const string PayloadPrefix = "governance-contract-approval-v1:";

    public static string Payload(Guid contractId, string digestHex) =>
        $"{PayloadPrefix}{contractId:D}:{digestHex.ToLowerInvariant()}";

    /// <summary>Signs with <paramref name="key"/> (P-256 → ES256, P-384 → ES384); returns the detached compact JWS.</summary>
    public static string Sign(ECDsa key, string keyId, Guid contractId, string digestHex) =>
        MemberSignature.Sign(key, keyId, Payload(contractId, digestHex));

    /// <summary>Reads the header without verifying anything, to find the key to verify with.</summary>
    public static bool TryReadHeader(string? jws, out ApprovalSignatureHeader header) => MemberSignature.TryReadHeader(jws, out header);

    /// <summary>Checks <paramref name="jws"/> against the expected payload and an EC public JWK ({"crv","kty","x","y"}).</summary>
    public static ApprovalSignatureCheck Verify(string jws, Guid contractId, string digestHex, string publicJwk) =>
        MemberSignature.Verify(jws, Payload(contractId, digestHex), publicJwk, "this contract's current digest");
}

public sealed record ApprovalSignatureHeader(string Algorithm, string KeyId);

public sealed record ApprovalSignatureCheck(bool IsValid, string? Problem)
{
    public static ApprovalSignatureCheck Valid { get; } = new(true, null);

    public static ApprovalSignatureCheck Fail(string problem) => new(false, problem);
}
