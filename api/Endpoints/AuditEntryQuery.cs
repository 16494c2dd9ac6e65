using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Endpoints;

/// <summary>
/// The filters of GET /audit/entries. Each is checked before it reaches the database, and one that cannot match
/// anything by its form (a contract that is not a UUID, a measurement that is not hex) is refused naming the filter,
/// never answered with an empty page.
/// </summary>
internal readonly partial record struct AuditEntryQuery(
    [property: FromQuery(Name = "fromSequence")] long? FromSequence,
    [property: FromQuery(Name = "toSequence")] long? ToSequence,
    [property: FromQuery(Name = "fromTime")] DateTimeOffset? FromTime,
    [property: FromQuery(Name = "toTime")] DateTimeOffset? ToTime,
    [property: FromQuery(Name = "actor")] string? Actor,
    [property: FromQuery(Name = "action")] string? Action,
    [property: FromQuery(Name = "contract")] string? Contract,
    [property: FromQuery(Name = "subject")] string? Subject,
    [property: FromQuery(Name = "measurement")] string? Measurement,
    [property: FromQuery(Name = "outcome")] string? Outcome)
{
    /// <summary>A launch measurement as the claims carry it: 48 bytes in lowercase hex.</summary>
    private const int MeasurementHexLength = 96;

    public AuditEntryFilter ToFilter(long? after, int limit)
    {
        if (FromSequence is < 0)
        {
            throw DomainException.BadParameter("fromSequence", "fromSequence is a sequence number, 0 or more.");
        }

        if (ToSequence is < 0 || (FromSequence is { } first && ToSequence is { } end && end < first))
        {
            throw DomainException.BadParameter("toSequence", "toSequence is a sequence number, at least fromSequence.");
        }

        if (FromTime is { } start && ToTime is { } stop && stop < start)
        {
            throw DomainException.BadParameter("toTime", "toTime must not be earlier than fromTime.");
        }

        if (Outcome is not null and not ("succeeded" or "denied" or "failed"))
        {
            throw DomainException.BadParameter("outcome", "outcome must be succeeded, denied or failed.");
        }

        // A contract is matched as its UUID in the subjects; any other form could only ever match nothing.
        if (Contract is not null && !Guid.TryParseExact(Contract, "D", out _))
        {
            throw DomainException.BadParameter("contract", "contract is a contract id: a UUID in its 36-character form.");
        }

        if (Actor is not null && (Actor.Length is 0 or > AuditBounds.MaxActorIdLength))
        {
            throw DomainException.BadParameter("actor", $"actor is 1 to {AuditBounds.MaxActorIdLength} characters.");
        }

        if (Subject is not null && (Subject.Length is 0 or > AuditBounds.MaxSubjectLength || !Subject.Contains(':', StringComparison.Ordinal)))
        {
            throw DomainException.BadParameter("subject", $"subject is kind:id (member:alice, contract:UUID, secret:owner/name), at most {AuditBounds.MaxSubjectLength} characters.");
        }

        if (Measurement is not null && !LowercaseHex().IsMatch(Measurement))
        {
            throw DomainException.BadParameter("measurement", $"measurement is a launch measurement: {MeasurementHexLength} lowercase hex digits.");
        }

        var (action, prefix) = ActionFilter();
        return new AuditEntryFilter(FromTime?.ToUniversalTime(), ToTime?.ToUniversalTime(), Actor, action,
            Contract, Outcome, after, limit)
        {
            FromSequence = FromSequence,
            ToSequence = ToSequence,
            ActionPrefix = prefix,
            Subject = Subject,
            Measurement = Measurement,
        };
    }

    /// <summary><c>contract.approved</c> is one action; <c>release.*</c> every action that starts with <c>release.</c>.</summary>
    private (string? Exact, string? Prefix) ActionFilter()
    {
        if (Action is null)
        {
            return (null, null);
        }

        var prefix = Action.EndsWith(".*", StringComparison.Ordinal);
        var name = prefix ? Action[..^1] : Action;
        if (!ActionName().IsMatch(name) || name.Length > AuditBounds.MaxActionLength)
        {
            throw DomainException.BadParameter("action",
                $"action is an action name such as contract.approved, or a prefix such as release.*; at most {AuditBounds.MaxActionLength} characters.");
        }

        return prefix ? (null, name) : (name, null);
    }

    [GeneratedRegex("^[0-9a-f]{96}$")]
    private static partial Regex LowercaseHex();

    // Action names are dotted lowercase words (auth.sign-in-failed, service.signing_key.rotated); a prefix ends with its dot.
    [GeneratedRegex(@"^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*\.?$")]
    private static partial Regex ActionName();
}
