using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Problems;

/// <summary>
/// Maps every exception to a problem-details answer. Domain refusals keep their message; PostgreSQL out of reach is a
/// 503 with Retry-After; anything unexpected becomes a 500 naming only the trace id, so no stack trace or internal
/// detail leaks.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, IOptions<Governance.Api.Hosting.DatabaseOptions> database, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain, httpContext),
            BadHttpRequestException bad => BindingProblem.From(bad, bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large",
                _ => "Bad request",
            }),
            JsonException json => BindingProblem.From(json),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The resource was changed by another request; reload it and try again.",
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when DatabaseUnavailable.IsCause(exception) => Unavailable(httpContext, exception),
            _ => null,
        };

        if (problem is null)
        {
            if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(logger, exception, httpContext.TraceIdentifier);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "The request failed unexpectedly; nothing was changed. Quote the trace id when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Every change is saved with its audit entry in one transaction, so a request that lost PostgreSQL midway changed
    /// the database wholly or not at all (a commit whose answer was lost may have succeeded, hence "check before
    /// repeating"); the caller may retry after the given time. The pools are cleared so that connections
    /// to a server that went away are not handed out again one request at a time once it is back.
    /// </summary>
    private ProblemDetails Unavailable(HttpContext httpContext, Exception exception)
    {
        LogUnavailable(logger, httpContext.TraceIdentifier, exception.GetBaseException().Message);
        NpgsqlConnection.ClearAllPools();
        var retryAfter = Math.Max(1, database.Value.UnavailableRetryAfterSeconds);
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Database unavailable",
            Detail = $"PostgreSQL is not answering. Retry after {retryAfter} seconds; what this request changed in the database was committed whole or not at all, so check before repeating a change.",
        };
    }

    private ProblemDetails FromDomain(DomainException exception, HttpContext httpContext)
    {
        if (exception.Kind == ErrorKind.Unavailable)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, database.Value.UnavailableRetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Status = exception.Kind switch
            {
                ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
                ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
                ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
                ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
                ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            },
            Title = exception.Title,
            Detail = exception.Message,
        };
        foreach (var (key, value) in exception.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL unavailable for request {TraceId}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
