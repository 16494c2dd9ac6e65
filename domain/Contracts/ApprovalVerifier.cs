using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

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

        if (!ContractApprovalSignature.TryReadHeader(signature, out var header))
        {
            throw Refused("The signature is not a compact JWS with 'alg' and 'kid' in its protected header.");
        }

        var key = memberKeys.FirstOrDefault(k => k.KeyId == header.KeyId)
            ?? throw Refused($"Key '{header.KeyId}' is not a registered key of member '{memberId}'.");
        if (!key.IsActive)
        {
            throw Refused($"Key '{header.KeyId}' of member '{memberId}' was removed; sign with an active key.");
        }

        var check = ContractApprovalSignature.Verify(signature, contract.Id, Convert.ToHexStringLower(digest), key.PublicJwk);
        if (!check.IsValid)
        {
            throw Refused(check.Problem!);
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
