namespace Governance.Persistence.Audit;

/// <summary>
/// The one way a record becomes a row of <c>audit_queue</c>: its columns, and its values bounded (<see cref="AuditBounds"/>)
/// and truncated to the microsecond PostgreSQL keeps. Used by <see cref="AuditLog"/> and by statements that enqueue an
/// entry together with the change it records.
/// </summary>
internal static class AuditQueueInsert
{
    public const string Columns = "timestamp, actor_kind, actor_id, action, subjects, outcome, details, request_id";

    public const int ParameterCount = 8;

    /// <summary>The placeholders for <see cref="Columns"/>, numbered from <paramref name="first"/>.</summary>
    public static string Placeholders(int first) =>
        string.Join(", ", Enumerable.Range(first, ParameterCount).Select(i => FormattableString.Invariant($"${i}")));

    /// <summary>Appends the values of <paramref name="record"/>, in the order of <see cref="Columns"/>.</summary>
    public static void AddValues(NpgsqlParameterCollection parameters, AuditRecord record, DateTimeOffset at, string? requestId)
    {
        // Records carry what callers sent; one value the log's table or index refuses would stop the sequencer
        // for every later entry, so every string is bounded here, whichever code built the record.
        record = AuditBounds.Apply(record);
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = AuditEntryCanonicalForm.TruncateToMicroseconds(at) });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor.KindName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor.Id });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. record.Subjects] });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Outcome.ToString().ToLowerInvariant() });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Details?.ToJsonString() ?? "{}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new NpgsqlParameter
        {
            Value = (object?)AuditBounds.BoundOptional(requestId, AuditBounds.MaxRequestIdLength) ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Text,
        });
    }
}
