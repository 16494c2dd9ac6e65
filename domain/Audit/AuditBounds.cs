namespace Governance.Domain.Audit;

/// <summary>
/// Puts every string of a record into a form the log can always store: at most a fixed length, no U+0000
/// and no unpaired surrogate (PostgreSQL's text and jsonb refuse both). A record often carries what a caller
/// sent, and one row the database refuses would stop the log for everyone, so the bound is applied where
/// records are appended, whatever the caller validated. Details are bounded as a whole as well (members, items,
/// total size), so no code path can store an entry of megabytes: what is over is cut and marked, never refused,
/// since an entry that cannot be written would fail the change it records.
/// </summary>
public static class AuditBounds
{
    /// <summary>
    /// Subjects are indexed (GIN); an index key has a hard size limit of about 2.7 KB, so a subject stays far
    /// below it even at four bytes a character.
    /// </summary>
    public const int MaxSubjectLength = 256;

    /// <summary>Each string inside details; large enough for every value the service records (digests, claims, rule details).</summary>
    public const int MaxDetailStringLength = 8192;

    /// <summary>Subjects per entry; a contract names itself and its parties.</summary>
    public const int MaxSubjects = 256;

    /// <summary>The columns' own limits (character varying(n)).</summary>
    public const int MaxActorIdLength = 200;

    public const int MaxActionLength = 100;

    public const int MaxRequestIdLength = 100;

    /// <summary>How deep details may nest; deeper content is replaced by a marker.</summary>
    public const int MaxDetailDepth = 16;

    /// <summary>Members of one object inside details; the rest are replaced by one member, <c>…</c>, that counts them.</summary>
    public const int MaxDetailMembers = 256;

    /// <summary>Items of one array inside details; the rest are replaced by one item that counts them.</summary>
    public const int MaxDetailItems = 1024;

    /// <summary>
    /// Details as JSON, in UTF-8 bytes. Over it, top-level members are kept in order while they fit and the others are
    /// replaced by a marker of their size and SHA-256; should even that not fit, the details become one such marker.
    /// </summary>
    public const int MaxDetailsBytes = 64 * 1024;

    private const string OmittedMember = "…";

    /// <summary>The record with every string bounded; returns the same instance when nothing needed changing.</summary>
    public static AuditRecord Apply(AuditRecord record)
    {
        var actorId = Bound(record.Actor.Id, MaxActorIdLength);
        var action = Bound(record.Action, MaxActionLength);
        var subjectsChanged = record.Subjects.Count > MaxSubjects;
        var subjects = new List<string>(Math.Min(record.Subjects.Count, MaxSubjects));
        foreach (var subject in record.Subjects.Take(MaxSubjects))
        {
            var bounded = Bound(subject, MaxSubjectLength);
            subjectsChanged |= !ReferenceEquals(bounded, subject);
            subjects.Add(bounded);
        }

        var details = record.Details is null || IsWithinBounds(record.Details, 0) ? record.Details : (JsonObject)BoundNode(record.Details, 0)!;
        details = BoundSize(details);
        if (ReferenceEquals(actorId, record.Actor.Id) && ReferenceEquals(action, record.Action) && !subjectsChanged && ReferenceEquals(details, record.Details))
        {
            return record;
        }

        return record with
        {
            Actor = ReferenceEquals(actorId, record.Actor.Id) ? record.Actor : record.Actor with { Id = actorId },
            Action = action,
            Subjects = subjectsChanged ? subjects : record.Subjects,
            Details = details,
        };
    }

    /// <summary>A request id (or any other single value) bounded the same way.</summary>
    public static string? BoundOptional(string? value, int maxLength) => value is null ? null : Bound(value, maxLength);

    /// <summary>
    /// <paramref name="value"/> itself when it fits; otherwise U+0000 written as the six characters <c>\u0000</c>,
    /// unpaired surrogates as U+FFFD, and, if still too long, a prefix followed by the original length and the first
    /// 64 bits (16 hex digits) of the SHA-256 of the original's UTF-16 code units, so whoever holds the original can
    /// still match it.
    /// </summary>
    public static string Bound(string value, int maxLength)
    {
        if (value.Length <= maxLength && IsStorable(value))
        {
            return value;
        }

        var escaped = new StringBuilder(Math.Min(value.Length, maxLength + 16));
        for (var i = 0; i < value.Length && escaped.Length <= maxLength; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                escaped.Append("\\u0000");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                escaped.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                escaped.Append('\uFFFD');
            }
            else
            {
                escaped.Append(c);
            }
        }

        if (escaped.Length <= maxLength)
        {
            return escaped.ToString();
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.Unicode.GetBytes(value)))[..16];
        var marker = string.Create(CultureInfo.InvariantCulture, $"…[{value.Length} chars, sha256:{digest}]");
        var keep = Math.Max(0, maxLength - marker.Length);
        if (keep > 0 && keep <= escaped.Length && char.IsHighSurrogate(escaped[keep - 1]))
        {
            keep--;
        }

        return escaped.ToString(0, Math.Min(keep, escaped.Length)) + marker;
    }

    /// <summary>True when PostgreSQL text accepts <paramref name="value"/>: no U+0000, no unpaired surrogate.</summary>
    public static bool IsStorable(string value) => StorableText.IsStorable(value);

    private static JsonObject? BoundSize(JsonObject? details)
    {
        if (details is null || Utf8Length(details) <= MaxDetailsBytes)
        {
            return details;
        }

        var reduced = new JsonObject();
        var length = 2;
        foreach (var (key, value) in details)
        {
            var json = value?.ToJsonString() ?? "null";
            var member = Encoding.UTF8.GetByteCount(JsonValue.Create(key).ToJsonString()) + 1 + Encoding.UTF8.GetByteCount(json) + 1;
            if (length + member <= MaxDetailsBytes)
            {
                reduced[key] = value?.DeepClone();
                length += member;
            }
            else
            {
                var marker = Omitted(json);
                reduced[key] = marker;
                length += Encoding.UTF8.GetByteCount(JsonValue.Create(key).ToJsonString()) + marker.Length + 4;
            }
        }

        return Utf8Length(reduced) <= MaxDetailsBytes ? reduced : new JsonObject { [OmittedMember] = Omitted(details.ToJsonString()) };
    }

    // The size and digest of what was left out, so whoever holds the original can still match it.
    private static string Omitted(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        return string.Create(CultureInfo.InvariantCulture, $"…[omitted: {bytes.Length} bytes, sha256:{digest}]");
    }

    private static int Utf8Length(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static bool IsWithinBounds(JsonNode? node, int depth) => node switch
    {
        null => true,
        _ when depth > MaxDetailDepth => false,
        JsonObject o => o.Count <= MaxDetailMembers && o.All(p => p.Key.Length <= MaxSubjectLength && IsStorable(p.Key) && IsWithinBounds(p.Value, depth + 1)),
        JsonArray a => a.Count <= MaxDetailItems && a.All(v => IsWithinBounds(v, depth + 1)),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length <= MaxDetailStringLength && IsStorable(s),
        _ => true,
    };

    private static JsonNode? BoundNode(JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                return null;
            case var _ when depth > MaxDetailDepth:
                return JsonValue.Create("…[nested too deep]");
            case JsonObject o:
                var copy = new JsonObject();
                var kept = o.Count <= MaxDetailMembers ? o.Count : MaxDetailMembers - 1;
                foreach (var (key, value) in o.Take(kept))
                {
                    var name = Bound(key, MaxSubjectLength);
                    if (!copy.ContainsKey(name))
                    {
                        copy[name] = BoundNode(value, depth + 1);
                    }
                }

                if (kept < o.Count)
                {
                    copy[OmittedMember] = string.Create(CultureInfo.InvariantCulture, $"[{o.Count - kept} more members]");
                }

                return copy;
            case JsonArray a:
                var array = new JsonArray();
                var items = a.Count <= MaxDetailItems ? a.Count : MaxDetailItems - 1;
                foreach (var item in a.Take(items))
                {
                    array.Add(BoundNode(item, depth + 1));
                }

                if (items < a.Count)
                {
                    array.Add(string.Create(CultureInfo.InvariantCulture, $"…[{a.Count - items} more items]"));
                }

                return array;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(Bound(s, MaxDetailStringLength));
            default:
                return node.DeepClone();
        }
    }
}
