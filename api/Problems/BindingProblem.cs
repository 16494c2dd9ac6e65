using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Problems;

/// <summary>
/// A request the framework could not bind (a query value of the wrong type, a body that is not the expected JSON)
/// answers in the same shape as a refused value: a 400 whose <c>errors</c> map names where the request went wrong
/// (the JSON path in the body, or the query or route parameter) with what is wrong there.
/// </summary>
internal static partial class BindingProblem
{
    public static ProblemDetails From(BadHttpRequestException exception, string title) =>
        exception.InnerException is JsonException json
            ? Create(exception.StatusCode, title, json)
            : FromParameter(exception, title);

    public static ProblemDetails From(JsonException exception) =>
        Create(StatusCodes.Status400BadRequest, "Malformed JSON", exception);

    private static ProblemDetails Create(int status, string title, JsonException json)
    {
        var path = json.Path is { Length: > 0 } p ? p : "$";
        var message = FrameworkMessages.WithoutTypeNames(PositionSuffix().Replace(json.Message, string.Empty)).Trim();
        return Create(status, title, path, $"The request body could not be read at {path}: {message}", message);
    }

    private static ProblemDetails Create(int status, string title, string? key, string detail, string? message)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (key is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [key] = [message ?? detail] };
        }

        return problem;
    }

    /// <summary>
    /// Query and route names are camelCase; a filter bound from a record's property (<c>[AsParameters]</c>) is reported
    /// by the framework under the property's name, so the name is given as the caller wrote it.
    /// </summary>
    private static ProblemDetails FromParameter(BadHttpRequestException exception, string title)
    {
        var message = FrameworkMessages.WithoutTypeNames(exception.Message);
        if (ParameterOf(exception.Message) is not { } name)
        {
            return Create(exception.StatusCode, title, null, message, null);
        }

        var asSent = char.ToLowerInvariant(name[0]) + name[1..];
        message = message.Replace($"\"{name}\"", $"\"{asSent}\"", StringComparison.Ordinal);
        return Create(exception.StatusCode, title, asSent, message, null);
    }

    /// <summary>The parameter a framework binding message is about, without its .NET type: the name after the last space inside the quotes.</summary>
    private static string? ParameterOf(string message) =>
        QuotedParameter().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("parameter \"(?:[^\"]*?\\s)?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex QuotedParameter();

    // The serializer's own position report; the path alone says where, and byte offsets mean nothing to a reader of a form.
    [GeneratedRegex("""\s*(Path: [^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?|\s*Path: \$[^\s]*\.?$""")]
    private static partial Regex PositionSuffix();
}
