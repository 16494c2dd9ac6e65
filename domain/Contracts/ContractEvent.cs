namespace Governance.Domain.Contracts;

/// <summary>One transition of a contract, kept forever in the append-only event table.</summary>
public sealed class ContractEvent
{
    public ContractEvent(Guid contractId, ContractEventKind kind, AuditActor actor, DateTimeOffset at, byte[] digest, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ContractId = contractId;
        Kind = kind;
        ActorKind = actor.Kind;
        Actor = actor.Id;
        At = at;
        Digest = digest;
        Reason = reason;
    }

    // For the persistence layer's materialisation.
    private ContractEvent()
    {
        Actor = "";
        Digest = [];
    }

    public long Sequence { get; private set; }

    public Guid ContractId { get; private set; }

    public ContractEventKind Kind { get; private set; }

    /// <summary>Whether a member or the service itself caused it; kept apart from the id, so no member id passes for the service.</summary>
    public AuditActorKind ActorKind { get; private set; }

    /// <summary>Member id of who caused it, or <c>system</c> when <see cref="ActorKind"/> is the service.</summary>
    public string Actor { get; private set; }

    /// <summary>Who caused it, typed.</summary>
    public AuditActor By => new(ActorKind, Actor);

    public DateTimeOffset At { get; private set; }

    /// <summary>The content digest at the time of the event.</summary>
    public byte[] Digest { get; private set; }

    public string? Reason { get; private set; }
}
