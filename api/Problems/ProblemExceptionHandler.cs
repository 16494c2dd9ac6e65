using System.Text.Json;
using Governance.Domain.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Governance.Api.Problems;

/// <summary>
/// Maps every exception to a problem-details answer. Domain refusals keep their message; anything
/// unexpected becomes a 500 naming only the trace id, so no stack trace or internal detail leaks.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    StatusCodes.Status431RequestHeaderFieldsTooLarge => "Request headers too large",
                    _ => "Bad request",
                },
                Detail = DescribeBadRequest(bad),
            },
            JsonException json => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Malformed JSON",
                Detail = FrameworkMessages.WithoutTypeNames(WithPath(json)),
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The resource was changed by another request; reload it and try again.",
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
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

    private static ProblemDetails FromDomain(DomainException exception)
    {
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

    private static string DescribeBadRequest(BadHttpRequestException exception)
    {
        // The framework's message names the parameter; the inner JSON error says where the body went wrong.
        return FrameworkMessages.WithoutTypeNames(exception.InnerException is JsonException json
            ? $"{exception.Message} {WithPath(json)}"
            : exception.Message);
    }

    /// <summary>A converter's own message does not say where it failed; the serializer records that in Path.</summary>
    private static string WithPath(JsonException json) =>
        json.Path is { Length: > 0 } path && !json.Message.Contains("Path:", StringComparison.Ordinal)
            ? $"{json.Message} Path: {path}."
            : json.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error for request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
