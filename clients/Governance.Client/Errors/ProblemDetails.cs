namespace Governance.Client.Errors;

/// <summary>An RFC 9457 problem-details body as the client read it; unknown members land in <see cref="Extensions"/>.</summary>
public sealed record ProblemDetails(
    int Status,
    string Title,
    string? Detail,
    string? Type,
    string? Instance,
    IReadOnlyDictionary<string, JsonElement> Extensions);
