namespace Governance.Domain.Errors;

/// <summary>
/// A refusal the caller can act on. The message is shown to the caller as the problem's detail, so it
/// must never contain secret material.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>The problem member counting the faults <c>errors</c> leaves out.</summary>
    public const string OmittedErrors = "omittedErrors";

    public DomainException(ErrorKind kind, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(detail)
    {
        Kind = kind;
        Title = title;
        Extensions = extensions ?? new Dictionary<string, object?>();
    }

    public DomainException()
        : this(ErrorKind.BadRequest, "Bad request", "The request was refused.")
    {
    }

    public DomainException(string message)
        : this(ErrorKind.BadRequest, "Bad request", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ErrorKind.BadRequest;
        Title = "Bad request";
        Extensions = new Dictionary<string, object?>();
    }

    public ErrorKind Kind { get; }

    public string Title { get; }

    /// <summary>Extra members of the problem-details body (for example the list of failed rules).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; }

    public static DomainException NotFound(string what, string id) =>
        new(ErrorKind.NotFound, "Not found", $"No {what} '{id}' exists, or you may not see it.");

    public static DomainException Conflict(string detail) => new(ErrorKind.Conflict, "Conflict", detail);

    public static DomainException Forbidden(string detail) => new(ErrorKind.Forbidden, "Forbidden", detail);

    /// <param name="omittedErrors">Faults found but left out of <paramref name="errors"/>, which lists a bounded number; 0 adds nothing.</param>
    public static DomainException Invalid(string detail, IReadOnlyDictionary<string, string[]>? errors = null, int omittedErrors = 0)
    {
        var extensions = new Dictionary<string, object?>();
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        if (omittedErrors > 0)
        {
            extensions[OmittedErrors] = omittedErrors;
        }

        return new(ErrorKind.Unprocessable, "Invalid content", detail, extensions.Count == 0 ? null : extensions);
    }


    public static DomainException BadRequest(string detail) => new(ErrorKind.BadRequest, "Bad request", detail);

    /// <summary>A 400 whose <c>errors</c> names the query or route parameter at fault, as a refused body names its JSON path.</summary>
    public static DomainException BadParameter(string parameter, string detail) =>
        new(ErrorKind.BadRequest, "Bad request", detail,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [parameter] = [detail] } });

    public static DomainException PreconditionFailed(string detail) =>
        new(ErrorKind.PreconditionFailed, "Precondition failed", detail);

    public static DomainException PreconditionRequired(string detail) =>
        new(ErrorKind.PreconditionRequired, "Precondition required", detail);
}
