namespace Governance.Cli.Commands;

/// <summary>
/// `governance audit search [filters] [--format table|csv|json] [--limit N]`: the entries the caller may see that the
/// filters select, oldest first, paged through until <c>--limit</c>. The service validates every filter and names a
/// malformed one. Exit codes: 0 listed (even none), 2 bad input or service error.
/// </summary>
internal static class AuditSearchCommand
{
    public static Command Build(CliHost host, Func<CliContext, string?, ITokenProvider> tokens)
    {
        var action = new Option<string?>("--action") { Description = "An exact action (contract.approved) or a prefix ending in .* (release.*)." };
        var actor = new Option<string?>("--actor") { Description = "A member id, a clean room's claims digest, or system." };
        var contract = new Option<string?>("--contract") { Description = "A contract id.", HelpName = "ID" };
        var subject = new Option<string?>("--subject") { Description = "Any subject an entry names (member:alice, secret:alice/db-key)." };
        var measurement = new Option<string?>("--measurement") { Description = "A clean room's launch measurement (96 hex digits).", HelpName = "HEX" };
        var outcome = new Option<string?>("--outcome") { Description = "succeeded, denied or failed." };
        var fromSequence = new Option<long?>("--from-sequence") { Description = "First sequence number (inclusive).", HelpName = "N" };
        var toSequence = new Option<long?>("--to-sequence") { Description = "Sequence number to stop before.", HelpName = "N" };
        var fromTime = new Option<DateTimeOffset?>("--from-time") { Description = "Earliest timestamp (inclusive), ISO 8601 with an offset.", HelpName = "TIME" };
        var toTime = new Option<DateTimeOffset?>("--to-time") { Description = "Latest timestamp (exclusive), ISO 8601 with an offset.", HelpName = "TIME" };
        var format = new Option<string>("--format") { Description = "table (default), csv or json (also with --json).", DefaultValueFactory = _ => "table" };
        var limit = new Option<int>("--limit") { Description = "Most entries to list (default 100, at most 100000).", DefaultValueFactory = _ => 100 };
        var token = AuditCommands.TokenOption();
        return new Command("search", "List the audit entries you may see that the filters select, as a table, CSV or JSON.")
        {
            action, actor, contract, subject, measurement, outcome, fromSequence, toSequence, fromTime, toTime, format, limit, token,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var r = context.ParseResult;
            var chosen = context.Output.Json ? "json" : r.GetValue(format)!;
            if (chosen is not ("table" or "csv" or "json") || r.GetValue(limit) is < 1 or > 100_000)
            {
                return await AuditCheckOutcome.Error("--format is table, csv or json, and --limit from 1 to 100000.").WriteAsync(context.Output.Out, context.Output.Json);
            }

            var search = new AuditSearch
            {
                Action = r.GetValue(action), Actor = r.GetValue(actor), Contract = r.GetValue(contract), Subject = r.GetValue(subject),
                Measurement = r.GetValue(measurement), Outcome = r.GetValue(outcome), FromSequence = r.GetValue(fromSequence),
                ToSequence = r.GetValue(toSequence), FromTime = r.GetValue(fromTime), ToTime = r.GetValue(toTime),
            };
            using var client = context.CreateClient(context.Settings.RequireService(), tokens(context, r.GetValue(token)));
            List<AuditEntryDto> entries;
            try
            {
                entries = await ReadAsync(client, search, r.GetValue(limit), ct);
            }
            catch (Exception exception) when (exception is GovernanceApiException or GovernanceUnreachableException)
            {
                return await AuditCheckOutcome.Error(exception.Message).WriteAsync(context.Output.Out, context.Output.Json);
            }

            await context.Output.Out.WriteAsync(chosen switch
            {
                "json" => JsonSerializer.Serialize(entries, AuditJson.Options) + Environment.NewLine,
                "csv" => Csv(entries),
                _ => Table(entries),
            });
            return AuditCommands.Valid;
        });
    }

    private static async Task<List<AuditEntryDto>> ReadAsync(GovernanceClient client, AuditSearch search, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntryDto>();
        string? cursor = null;
        do
        {
            var page = await client.Audit.SearchAsync(search, cursor, Math.Min(1000, limit - entries.Count), cancellationToken);
            entries.AddRange(page.Entries);
            cursor = page.NextCursor;
        }
        while (cursor is not null && entries.Count < limit);

        return entries;
    }

    private static string Table(List<AuditEntryDto> entries)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"SEQ",8}  {"TIME (UTC)",-20}  {"ACTOR",-24}  {"ACTION",-32}  {"OUTCOME",-9}  SUBJECTS");
        foreach (var e in entries)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{e.Sequence,8}  {e.Timestamp.UtcDateTime,-20:yyyy-MM-dd HH:mm:ss}  {Short($"{e.ActorKind}:{e.ActorId}", 24),-24}  {Short(e.Action, 32),-32}  {e.Outcome,-9}  {string.Join(' ', e.Subjects)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{entries.Count} entries");
        return text.ToString();
    }

    private static string Csv(List<AuditEntryDto> entries)
    {
        var text = new StringBuilder("sequence,timestamp,actor_kind,actor_id,action,outcome,subjects\n");
        foreach (var e in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Sequence},{AuditEntryCanonicalForm.FormatTimestamp(e.Timestamp)},{Field(e.ActorKind)},{Field(e.ActorId)},{Field(e.Action)},{Field(e.Outcome)},{Field(string.Join(' ', e.Subjects))}\n");
        }

        return text.ToString();
    }

    // RFC 4180 quoting; a leading = + - @ is prefixed so that a spreadsheet does not run a logged value as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Short(string value, int width) => value.Length <= width ? value : value[..(width - 1)] + "…";
}
