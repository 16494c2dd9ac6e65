namespace Governance.Client.Errors;

/// <summary>Reads an error response into the matching <see cref="GovernanceApiException"/> subclass.</summary>
public static class ProblemReader
{
    private const int MaxPlainDetail = 500;

    public static async Task<GovernanceApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Create(Parse((int)response.StatusCode, response.ReasonPhrase, body));
    }

    public static ProblemDetails Parse(int status, string? reason, string body)
    {
        var fallbackTitle = string.IsNullOrEmpty(reason) ? ((HttpStatusCode)status).ToString() : reason;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return FromJson(status, fallbackTitle, document.RootElement);
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): keep the start of it as the detail.
            }
        }

        var detail = string.IsNullOrWhiteSpace(body) ? null : body.Length > MaxPlainDetail ? body[..MaxPlainDetail] + "…" : body.Trim();
        return new ProblemDetails(status, fallbackTitle, detail, null, null, new Dictionary<string, JsonElement>());
    }

    public static GovernanceApiException Create(ProblemDetails problem) => problem.Status switch
    {
        400 => new GovernanceBadRequestException(problem),
        401 => new GovernanceUnauthorizedException(problem),
        403 => new GovernanceForbiddenException(problem),
        404 => new GovernanceNotFoundException(problem),
        409 => new GovernanceConflictException(problem),
        412 => new GovernancePreconditionFailedException(problem),
        413 => new GovernancePayloadTooLargeException(problem),
        422 => new GovernanceValidationException(problem),
        429 => new GovernanceTooManyRequestsException(problem),
        503 => new GovernanceUnavailableException(problem),
        _ => new GovernanceApiException(problem),
    };

    private static ProblemDetails FromJson(int status, string fallbackTitle, JsonElement root)
    {
        var standard = new Dictionary<string, string?>(StringComparer.Ordinal);
        var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                // A standard member that is not a string is kept as an extension rather than dropped.
                case "title" or "detail" or "type" or "instance" when property.Value.ValueKind == JsonValueKind.String:
                    standard[property.Name] = property.Value.GetString();
                    break;
                case "status":
                    break;
                default:
                    extensions[property.Name] = property.Value.Clone();
                    break;
            }
        }

        return new ProblemDetails(
            status,
            standard.GetValueOrDefault("title") ?? fallbackTitle,
            standard.GetValueOrDefault("detail"),
            standard.GetValueOrDefault("type"),
            standard.GetValueOrDefault("instance"),
            extensions);
    }
}
