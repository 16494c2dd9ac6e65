using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Governance.Client;
using Governance.Client.Auth;
using Governance.Client.Errors;
using Governance.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Sdk;

public sealed class GovernanceClientTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    private static readonly GovernanceClientOptions FastRetries = new() { MaxRetryAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(5) };

    private GovernanceClient NewClient(HttpMessageHandler handler, ITokenProvider? tokens = null) =>
        new(factory.Server.BaseAddress, tokens ?? AnonymousTokenProvider.Instance, handler, FastRetries);

    [Fact]
    public async Task Readiness_is_reported_by_the_real_service()
    {
        using var client = NewClient(factory.Server.CreateHandler());
        Assert.True(await client.IsReadyAsync());
    }

    [Fact]
    public async Task Problem_details_become_a_typed_exception_with_the_servers_fields()
    {
        using var client = NewClient(factory.Server.CreateHandler());
        var error = await Assert.ThrowsAsync<GovernanceNotFoundException>(() =>
            client.Connection.SendAsync<JsonElement>(HttpMethod.Get, "no-such-thing", null, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Title));
        Assert.StartsWith("404 ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Overload_answers_are_retried_until_the_service_answers(HttpStatusCode status)
    {
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(), (status, "0"), (status, null));
        using var client = NewClient(faults);
        Assert.True(await client.IsReadyAsync());
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(), (HttpStatusCode.TooManyRequests, "1"));
        using var client = NewClient(faults);
        var watch = Stopwatch.StartNew();
        Assert.True(await client.IsReadyAsync());
        // The configured back-off is 5 ms; only the header can account for a wait of about a second.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {watch.Elapsed}");
        Assert.Equal(2, faults.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Other_errors_are_answers_and_are_not_retried(HttpStatusCode status)
    {
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(), (status, "0"));
        using var client = NewClient(faults);
        var error = await Assert.ThrowsAnyAsync<GovernanceApiException>(() =>
            client.Connection.SendAsync<JsonElement>(HttpMethod.Get, "readyz", null, CancellationToken.None));
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("injected", error.Detail);
        Assert.Equal(1, faults.Attempts);
    }

    [Fact]
    public async Task Exhausted_retries_surface_as_the_status_exception()
    {
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(),
            Enumerable.Repeat((HttpStatusCode.TooManyRequests, (string?)"0"), 4).ToArray());
        using var client = NewClient(faults);
        await Assert.ThrowsAsync<GovernanceTooManyRequestsException>(() =>
            client.Connection.SendAsync<JsonElement>(HttpMethod.Get, "readyz", null, CancellationToken.None));
        Assert.Equal(4, faults.Attempts);
    }

    [Fact]
    public async Task The_token_provider_is_asked_for_every_attempt()
    {
        var issued = 0;
        var tokens = new CallbackTokenProvider(_ => ValueTask.FromResult<string?>($"token-{Interlocked.Increment(ref issued)}"));
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(), (HttpStatusCode.ServiceUnavailable, "0"));
        using var client = NewClient(faults, tokens);
        Assert.True(await client.IsReadyAsync());
        Assert.Equal(["Bearer token-1", "Bearer token-2"], faults.AuthorizationHeaders);
    }

    [Fact]
    public async Task An_unreachable_service_is_told_apart_from_an_answer()
    {
        var port = FreeLoopbackPort();
        using var client = new GovernanceClient(new Uri($"http://127.0.0.1:{port}"), AnonymousTokenProvider.Instance, options: FastRetries);
        var error = await Assert.ThrowsAsync<GovernanceUnreachableException>(() =>
            client.Connection.SendAsync<JsonElement>(HttpMethod.Get, "readyz", null, CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var client = NewClient(factory.Server.CreateHandler());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Connection.SendAsync<JsonElement>(HttpMethod.Get, "readyz", null, cancelled.Token));
    }

    [Fact]
    public async Task The_dependency_injection_registration_reaches_the_service_with_retries()
    {
        var faults = new FaultInjectingHandler(factory.Server.CreateHandler(), (HttpStatusCode.ServiceUnavailable, "0"));
        var services = new ServiceCollection();
        services.AddSingleton<ITokenProvider>(new CallbackTokenProvider(_ => ValueTask.FromResult<string?>("oidc-token")));
        services.AddGovernanceClient(o =>
            {
                o.BaseAddress = factory.Server.BaseAddress;
                o.RetryDelay = TimeSpan.FromMilliseconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => faults);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<GovernanceClient>();
        Assert.True(await client.IsReadyAsync());
        Assert.Equal(["Bearer oidc-token", "Bearer oidc-token"], faults.AuthorizationHeaders);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
