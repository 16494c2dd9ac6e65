namespace Governance.Api.Problems;

/// <summary>
/// Writes problem details as <c>application/problem+json</c> whatever the request's Accept header says. The framework's
/// own writer declines when Accept leaves JSON out (<c>text/html</c>, <c>application/xml</c>); without this one an error
/// then had no writer at all, and a 401, 403 or 404 turned into a 500. Registered after the framework's writer, so it only
/// takes the requests that writer declines: the service speaks no other error format.
/// </summary>
internal sealed class JsonProblemWriter(IOptions<JsonOptions> json, IOptions<ProblemDetailsOptions> problems) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // What the framework's writer fills in before writing: status and title from the response, then the service's own additions.
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var options = json.Value.SerializerOptions;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, options.GetTypeInfo(context.ProblemDetails.GetType()), "application/problem+json", context.HttpContext.RequestAborted));
    }
}
