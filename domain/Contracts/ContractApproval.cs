namespace Governance.Domain.Contracts;

/// <summary>
/// A party's consent to one exact digest, kept with the key that signed it so it can be re-verified
/// offline even after the key is removed.
/// </summary>
public sealed class ContractApproval
{
    public ContractApproval(Guid contractId, string memberId, byte[] digest, ApprovalEvidence evidence, DateTimeOffset approvedAt)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ContractId = contractId;
        MemberId = memberId;
        Digest = digest;
        Signature = evidence.Signature;
        KeyId = evidence.KeyId;
        PublicJwk = evidence.PublicJwk;
        IsUnsigned = evidence.IsUnsigned;
        ApprovedAt = approvedAt;
    }

    private ContractApproval()
    {
        MemberId = "";
        Digest = [];
    }

    public Guid ContractId { get; private set; }

    public string MemberId { get; private set; }

    public byte[] Digest { get; private set; }

    public string? Signature { get; private set; }

    public string? KeyId { get; private set; }

    public string? PublicJwk { get; private set; }

    /// <summary>Approved without a member signature (external sign-in, where the consortium allows it).</summary>
    public bool IsUnsigned { get; private set; }

    public DateTimeOffset ApprovedAt { get; private set; }
}

/// <summary>How a party proved its consent: a verified signature and the key it verified with, or nothing (unsigned).</summary>
public sealed record ApprovalEvidence(string? Signature, string? KeyId, string? PublicJwk, bool IsUnsigned)
{
    public static ApprovalEvidence UnsignedExternal { get; } = new(null, null, null, true);

    public static ApprovalEvidence FromSignature(string signature, string keyId, string publicJwk) => new(signature, keyId, publicJwk, false);
}
