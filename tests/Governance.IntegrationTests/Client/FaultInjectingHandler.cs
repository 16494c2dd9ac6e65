using System.Net;

namespace Governance.IntegrationTests.Sdk;

/// <summary>
/// Sits between the SDK and the real in-process service: answers the first queued statuses itself (as an
/// overloaded proxy would), then lets requests through; records what each attempt carried.
/// </summary>
internal sealed class FaultInjectingHandler(HttpMessageHandler inner, params (HttpStatusCode Status, string? RetryAfter)[] faults) : DelegatingHandler(inner)
{
    private readonly Queue<(HttpStatusCode Status, string? RetryAfter)> _faults = new(faults);

    public List<string?> AuthorizationHeaders { get; } = [];

    public int Attempts => AuthorizationHeaders.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AuthorizationHeaders.Add(request.Headers.Authorization?.ToString());
        if (_faults.TryDequeue(out var fault))
        {
            var response = new HttpResponseMessage(fault.Status)
            {
                RequestMessage = request,
                Content = new StringContent($$"""{"title":"Slow down","status":{{(int)fault.Status}},"detail":"injected"}""", System.Text.Encoding.UTF8, "application/problem+json"),
            };
            if (fault.RetryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", fault.RetryAfter);
            }

            return Task.FromResult(response);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
