namespace Governance.Domain.Audit;

/// <summary>
/// Which entries of the audit log a reader sees: the one rule every read of entries applies, whether it lists them,
/// fetches one, or proves one's inclusion. An auditor sees every entry. Any other member sees the entries it caused
/// as a member, and the entries about a contract it is a party to; an entry of another kind of actor that happens to
/// carry the member's id (the service acts as <c>system</c>) is not its own. Outside the scope an entry reads as if it
/// did not exist.
/// </summary>
public sealed record AuditScope
{
    private AuditScope(AuditActor? ownActions, IReadOnlyList<string> subjects)
    {
        OwnActions = ownActions;
        Subjects = subjects;
    }

    /// <summary>Every entry.</summary>
    public static AuditScope Everything { get; } = new(null, []);

    /// <summary>Null for <see cref="Everything"/>; otherwise the actor whose entries are in scope whatever they are about.</summary>
    public AuditActor? OwnActions { get; }

    /// <summary>Entries naming any of these subjects are in scope (unless the scope is <see cref="Everything"/>, which needs none).</summary>
    public IReadOnlyList<string> Subjects { get; }

    public bool IsEverything => OwnActions is null;

    /// <param name="memberId">The signed-in member.</param>
    /// <param name="isAuditor">Whether it holds the auditor role.</param>
    /// <param name="contractsAsParty">The contracts it is a party to (not read for an auditor).</param>
    public static AuditScope Of(string memberId, bool isAuditor, IEnumerable<Guid> contractsAsParty) =>
        isAuditor
            ? Everything
            : new AuditScope(AuditActor.Member(memberId), [.. contractsAsParty.Select(AuditSubjects.Contract)]);
}
