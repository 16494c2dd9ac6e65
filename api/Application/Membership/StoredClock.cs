namespace Governance.Api.Application.Membership;

internal static class StoredClock
{
    /// <summary>The time at the precision PostgreSQL keeps (microseconds), so an answer equals what later reads return.</summary>
    public static DateTimeOffset StoredNow(this TimeProvider time) => AuditEntryCanonicalForm.TruncateToMicroseconds(time.GetUtcNow());
}
