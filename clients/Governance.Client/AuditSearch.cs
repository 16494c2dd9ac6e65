namespace Governance.Client;

/// <summary>
/// The filters of <c>GET /audit/entries</c>, all optional and combined: sequence numbers (<see cref="FromSequence"/>
/// inclusive, <see cref="ToSequence"/> exclusive), timestamps likewise, the actor's id, an exact action or a prefix
/// ending in <c>.*</c>, a contract id, any subject an entry names, a clean room's launch measurement, the outcome.
/// </summary>
public sealed record AuditSearch
{
    public long? FromSequence { get; init; }

    public long? ToSequence { get; init; }

    public DateTimeOffset? FromTime { get; init; }

    public DateTimeOffset? ToTime { get; init; }

    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Contract { get; init; }

    public string? Subject { get; init; }

    public string? Measurement { get; init; }

    public string? Outcome { get; init; }
}
