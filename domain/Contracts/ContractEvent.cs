namespace Governance.Domain.Contracts;

/// <summary>One transition of a contract, kept forever in the append-only event table.</summary>
public sealed class ContractEvent
{
    public ContractEvent(Guid contractId, ContractEventKind kind, string actor, DateTimeOffset at, byte[] digest, string? reason = null)
    {
        ContractId = contractId;
        Kind = kind;
        Actor = actor;
        At = at;
        Digest = digest;
        Reason = reason;
    }

    public long Sequence { get; private set; }

    public Guid ContractId { get; private set; }

    public ContractEventKind Kind { get; private set; }

    /// <summary>Member id of who caused it, or <c>system</c>.</summary>
    public string Actor { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The content digest at the time of the event.</summary>
    public byte[] Digest { get; private set; }

    public string? Reason { get; private set; }
}
