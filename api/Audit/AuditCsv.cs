namespace Governance.Api.Audit;

/// <summary>RFC 4180 CSV rows of entries: subjects joined by spaces, details as compact JSON.</summary>
internal static class AuditCsv
{
    public const string Header = "sequence,timestamp,actorKind,actorId,action,subjects,outcome,details,requestId,leafHash\r\n";

    public static string Line(AuditEntryDto e) => string.Join(',',
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        AuditEntryCanonicalForm.FormatTimestamp(e.Timestamp),
        Quote(e.ActorKind), Quote(e.ActorId), Quote(e.Action), Quote(string.Join(' ', e.Subjects)), Quote(e.Outcome),
        Quote(e.Details.GetRawText()), Quote(e.RequestId ?? ""), e.LeafHash) + "\r\n";

    private static string Quote(string value)
    {
        // A leading formula character is neutralised so spreadsheets do not evaluate entry text.
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
