namespace Governance.Domain.Contracts;

/// <summary>
/// One party's signed change of one consent switch, kept forever in the append-only <c>contract_consents</c> table with
/// the key that signed it. The contract's consent is what these records say (<see cref="ConsentState"/>); no other row
/// is read for it.
/// </summary>
public sealed class ContractConsent
{
    public ContractConsent(Guid contractId, int sequence, string memberId, ConsentSwitch consentSwitch, bool enabled, string? reason, ApprovalEvidence evidence, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ContractId = contractId;
        Sequence = sequence;
        MemberId = memberId;
        Switch = consentSwitch;
        Enabled = enabled;
        Reason = reason;
        Signature = evidence.Signature;
        KeyId = evidence.KeyId;
        PublicJwk = evidence.PublicJwk;
        ChangedAt = changedAt;
    }

    private ContractConsent()
    {
        MemberId = "";
    }

    public Guid ContractId { get; private set; }

    /// <summary>1 for the contract's first consent change, counting up by one; what the party's signature covers.</summary>
    public int Sequence { get; private set; }

    public string MemberId { get; private set; }

    public ConsentSwitch Switch { get; private set; }

    public bool Enabled { get; private set; }

    public string? Reason { get; private set; }

    public string? Signature { get; private set; }

    public string? KeyId { get; private set; }

    public string? PublicJwk { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}
