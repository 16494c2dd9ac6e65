namespace Governance.Client.Http;

/// <summary>
/// Sends requests and turns answers into values or typed exceptions. Every resource client of the SDK
/// goes through here, so errors read the same everywhere.
/// </summary>
public sealed class GovernanceConnection(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var answer = await SendForResponseAsync<T>(method, path, body, headers: null, cancellationToken);
        return answer.Value;
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(method, path, body, headers: null);
        using var response = await SendRawAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends and returns the value with the response's ETag, for resources edited with If-Match.</summary>
    public async Task<Tagged<T>> SendForResponseAsync<T>(
        HttpMethod method, string path, object? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(method, path, body, headers);
        using var response = await SendRawAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var value = await response.Content.ReadFromJsonAsync<T>(GovernanceJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"The service answered {method} {path} with an empty body.");
        return new Tagged<T>(value, response.Headers.ETag?.ToString());
    }

    /// <summary>Sends and returns whatever the service answered (errors included); only transport failures throw.</summary>
    public Task<HttpResponseMessage> SendUncheckedAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendRawAsync(request, cancellationToken);

    /// <summary>Sends a request whose body the caller streams (exports); the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendStreamingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await SendRawAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public static HttpRequestMessage CreateRequest(HttpMethod method, string path, object? body, IReadOnlyDictionary<string, string>? headers)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        switch (body)
        {
            case null:
                break;
            case HttpContent content:
                request.Content = content;
                break;
            default:
                request.Content = JsonContent.Create(body, body.GetType(), options: GovernanceJson.Options);
                break;
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await Http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is null)
        {
            throw new GovernanceUnreachableException(Http.BaseAddress, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GovernanceUnreachableException(Http.BaseAddress, exception);
        }
        catch (Polly.Timeout.TimeoutRejectedException exception)
        {
            throw new GovernanceUnreachableException(Http.BaseAddress, exception);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }
    }

    /// <summary>True for a status the SDK reports as "not there" rather than as an error.</summary>
    public static bool IsNotFound(HttpStatusCode status) => status == HttpStatusCode.NotFound;
}

/// <summary>A value and the entity tag the service gave it (for If-Match on the next edit).</summary>
public sealed record Tagged<T>(T Value, string? ETag);
