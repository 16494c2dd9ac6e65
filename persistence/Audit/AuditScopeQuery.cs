
namespace Governance.Persistence.Audit;

/// <summary><see cref="AuditScope"/> as SQL; every read of entries goes through it, so no read decides visibility its own way.</summary>
internal static class AuditScopeQuery
{
    public static IQueryable<AuditEntryRow> Within(this IQueryable<AuditEntryRow> entries, AuditScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.OwnActions is not { } actor)
        {
            return entries;
        }

        var kind = actor.KindName;
        var id = actor.Id;
        string[] subjects = [.. scope.Subjects];
        // The array overlap (subjects && @subjects) uses the GIN index on subjects.
        return entries.Where(e => (e.ActorKind == kind && e.ActorId == id) || e.Subjects.Any(s => subjects.Contains(s)));
    }
}
