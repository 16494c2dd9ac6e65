namespace Governance.Client.Errors;

/// <summary>
/// The service answered with an error: an RFC 9457 problem-details body turned into an exception that
/// keeps the server's title, detail and extension members (e.g. <c>failures</c> of a refused release).
/// Each status has its own subclass so callers can catch exactly what they handle.
/// </summary>
public class GovernanceApiException : Exception
{
    public GovernanceApiException(ProblemDetails problem)
        : base(Describe(problem))
    {
        Problem = problem;
    }

    public ProblemDetails Problem { get; }

    public HttpStatusCode StatusCode => (HttpStatusCode)Problem.Status;

    public string Title => Problem.Title;

    public string? Detail => Problem.Detail;

    public IReadOnlyDictionary<string, JsonElement> Extensions => Problem.Extensions;

    /// <summary>An extension member deserialised to <typeparamref name="T"/>, or default when absent.</summary>
    public T? GetExtension<T>(string name) =>
        Problem.Extensions.TryGetValue(name, out var value) ? value.Deserialize<T>(GovernanceJson.Options) : default;

    private static string Describe(ProblemDetails problem) =>
        string.IsNullOrWhiteSpace(problem.Detail)
            ? $"{problem.Status} {problem.Title}"
            : $"{problem.Status} {problem.Title}: {problem.Detail}";
}
