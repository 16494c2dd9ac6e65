namespace Governance.Protocol.Audit;

/// <summary>
/// The bytes an entry's leaf hash covers: RFC 8785 canonical JSON of
/// <c>{"action","actor":{"id","kind"},"details","outcome","requestId","sequence","subjects","timestamp"}</c>,
/// the timestamp as UTC RFC 3339 with exactly six fractional digits, a missing request id as null.
/// </summary>
public static class AuditEntryCanonicalForm
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static byte[] Serialize(
        long sequence, DateTimeOffset timestamp, string actorKind, string actorId, string action,
        IEnumerable<string> subjects, string outcome, JsonElement details, string? requestId) =>
        Serialize(sequence, timestamp, actorKind, actorId, action, subjects, outcome,
            JsonNode.Parse(details.ValueKind == JsonValueKind.Undefined ? "{}" : details.GetRawText()), requestId);

    /// <param name="details">Taken over by the entry: a node that already has a parent cannot be passed.</param>
    public static byte[] Serialize(
        long sequence, DateTimeOffset timestamp, string actorKind, string actorId, string action,
        IEnumerable<string> subjects, string outcome, JsonNode? details, string? requestId)
    {
        var subjectArray = new JsonArray();
        foreach (var subject in subjects)
        {
            subjectArray.Add(subject);
        }

        var entry = new JsonObject
        {
            ["action"] = action,
            ["actor"] = new JsonObject { ["id"] = actorId, ["kind"] = actorKind },
            ["details"] = details,
            ["outcome"] = outcome,
            ["requestId"] = requestId,
            ["sequence"] = sequence,
            ["subjects"] = subjectArray,
            ["timestamp"] = FormatTimestamp(timestamp),
        };
        return CanonicalJson.Serialize(entry);
    }

    public static byte[] Serialize(AuditEntryDto entry) => Serialize(
        entry.Sequence, entry.Timestamp, entry.ActorKind, entry.ActorId, entry.Action, entry.Subjects,
        entry.Outcome, entry.Details, entry.RequestId);

    public static byte[] LeafHash(AuditEntryDto entry) => MerkleHash.Leaf(Serialize(entry));

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL keeps microseconds; entries are stamped at that precision so the stored row re-hashes identically.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset timestamp) =>
        new(timestamp.UtcTicks - (timestamp.UtcTicks % 10), TimeSpan.Zero);
}
