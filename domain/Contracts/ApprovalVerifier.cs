namespace Governance.Domain.Contracts;

/// <summary>
/// Decides whether an approval request proves the party's consent to the contract's current digest:
/// a JWS by one of the party's active keys over <see cref="ContractApprovalSignature.Payload"/>, or
/// (only when <c>unsignedAllowed</c>) no signature at all.
/// </summary>
public static class ApprovalVerifier
{
    public const string InvalidSignatureTitle = "Invalid approval signature";

    public static ApprovalEvidence Verify(
        Contract contract,
        string memberId,
        byte[] digest,
        string? signature,
        IReadOnlyList<PartyKey> memberKeys,
        bool unsignedAllowed)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(memberKeys);
        contract.CheckApprovable(memberId, digest);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return unsignedAllowed
                ? ApprovalEvidence.UnsignedExternal
                : throw Refused("A signature is required: sign the digest with `governance contracts sign-digest` and send it as 'signature'.");
        }

        return VerifyMemberSignature(memberId, signature, memberKeys,
            (jws, jwk) => ContractApprovalSignature.Verify(jws, contract.Id, Convert.ToHexStringLower(digest), jwk));
    }

    /// <summary>
    /// Checks a member's signature: its header names one of <paramref name="memberKeys"/> that is active, and
    /// <paramref name="check"/> verifies it with that key. 422 otherwise.
    /// </summary>
    /// <param name="memberId">Who signed, for the refusal.</param>
    /// <param name="signature">The compact JWS.</param>
    /// <param name="memberKeys">Every key the member registered.</param>
    /// <param name="check">Verifies the signature with a public JWK over the expected statement.</param>
    public static ApprovalEvidence VerifyMemberSignature(
        string memberId, string signature, IReadOnlyList<PartyKey> memberKeys, Func<string, string, ApprovalSignatureCheck> check)
    {
        ArgumentNullException.ThrowIfNull(memberKeys);
        ArgumentNullException.ThrowIfNull(check);
        if (!MemberSignature.TryReadHeader(signature, out var header))
        {
            throw Refused("The signature is not a compact JWS with 'alg' and 'kid' in its protected header.");
        }

        var key = memberKeys.FirstOrDefault(k => k.KeyId == header.KeyId)
            ?? throw Refused($"Key '{header.KeyId}' is not a registered key of member '{memberId}'.");
        if (!key.IsActive)
        {
            throw Refused($"Key '{header.KeyId}' of member '{memberId}' was removed; sign with an active key.");
        }

        var result = check(signature, key.PublicJwk);
        if (!result.IsValid)
        {
            throw Refused(result.Problem!);
        }

        return ApprovalEvidence.FromSignature(signature, key.KeyId, key.PublicJwk);
    }

    /// <summary>Parses a 64-digit hex digest; 422 otherwise.</summary>
    public static byte[] ParseDigest(string? hex)
    {
        if (hex is { Length: 64 } && hex.All(Uri.IsHexDigit))
        {
            return Convert.FromHexString(hex);
        }

        throw DomainException.Invalid("The digest must be 64 hex digits (SHA-256).",
            new Dictionary<string, string[]> { ["digest"] = ["64 hex digits."] });
    }

    private static DomainException Refused(string detail) => new(ErrorKind.Unprocessable, InvalidSignatureTitle, detail);
}
