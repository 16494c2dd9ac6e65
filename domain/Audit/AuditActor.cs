namespace Governance.Domain.Audit;

/// <summary>Who did it: a member, a clean room VM (named by the digest of its claims), or the service itself.</summary>
public sealed record AuditActor(AuditActorKind Kind, string Id)
{
    public static AuditActor System { get; } = new(AuditActorKind.System, "system");

    public static AuditActor Anonymous { get; } = new(AuditActorKind.Anonymous, "anonymous");

    public static AuditActor Member(string memberId) => new(AuditActorKind.Member, memberId);

    public static AuditActor Vm(string claimsDigestHex) => new(AuditActorKind.Vm, claimsDigestHex);

    /// <summary>How entries spell <see cref="Kind"/>: system, member, vm or anonymous.</summary>
    public string KindName => Kind switch
    {
        AuditActorKind.System => "system",
        AuditActorKind.Member => "member",
        AuditActorKind.Vm => "vm",
        AuditActorKind.Anonymous => "anonymous",
        _ => throw new InvalidOperationException($"Unknown actor kind {Kind}."),
    };
}

public enum AuditActorKind
{
    System,
    Member,
    Vm,
    Anonymous,
}
