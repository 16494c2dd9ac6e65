namespace Governance.Client.Errors;

/// <summary>400: the request was malformed (bad JSON, wrong types, unknown fields).</summary>
public sealed class GovernanceBadRequestException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>401: no token, or the token was refused (expired, wrong audience, unknown member, removed key).</summary>
public sealed class GovernanceUnauthorizedException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>403: the caller may not do this, or a release was refused (see <c>failures</c>).</summary>
public sealed class GovernanceForbiddenException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>404: no such resource, or not visible to the caller.</summary>
public sealed class GovernanceNotFoundException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>409: the resource's state does not allow this (stale digest, different ballot, wrong state).</summary>
public sealed class GovernanceConflictException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>412: an If-Match precondition failed; reload and retry the edit.</summary>
public sealed class GovernancePreconditionFailedException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>413: the request body is larger than the service accepts.</summary>
public sealed class GovernancePayloadTooLargeException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>422: well-formed but invalid content (lengths, references, duplicate names).</summary>
public sealed class GovernanceValidationException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>429: rate limited even after the client's retries.</summary>
public sealed class GovernanceTooManyRequestsException(ProblemDetails problem) : GovernanceApiException(problem);

/// <summary>503: unavailable even after the client's retries.</summary>
public sealed class GovernanceUnavailableException(ProblemDetails problem) : GovernanceApiException(problem);
