namespace Governance.Domain.Errors;

/// <summary>What went wrong, in terms the API maps to one HTTP status each.</summary>
public enum ErrorKind
{
    /// <summary>The request is malformed (400).</summary>
    BadRequest,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,

    /// <summary>The thing named does not exist, or the caller may not know it exists (404).</summary>
    NotFound,

    /// <summary>The request clashes with the current state (409).</summary>
    Conflict,

    /// <summary>An If-Match precondition did not hold (412).</summary>
    PreconditionFailed,

    /// <summary>The change must be conditional (If-Match) and was not (428, RFC 6585).</summary>
    PreconditionRequired,

    /// <summary>The request is well formed but its content breaks a rule (422).</summary>
    Unprocessable,

    /// <summary>A part of the request is larger than its limit (413).</summary>
    TooLarge,

    /// <summary>The service cannot do this now, through nobody's fault in the request; retry later (503 with Retry-After).</summary>
    Unavailable,
}
