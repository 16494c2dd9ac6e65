namespace Governance.Client;

public static class GovernanceClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GovernanceClient"/> as a typed HttpClient. Register an <see cref="ITokenProvider"/>
    /// too (for example <c>new CallbackTokenProvider(...)</c> around your OpenID Connect library).
    /// </summary>
    public static IHttpClientBuilder AddGovernanceClient(this IServiceCollection services, Action<GovernanceClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GovernanceClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "GovernanceClientOptions.BaseAddress must be an absolute URL.");
        var builder = services.AddHttpClient<GovernanceClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<GovernanceClientOptions>>().Value;
            http.BaseAddress = GovernanceClient.WithTrailingSlash(options.BaseAddress!);
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.AddResilienceHandler("governance", (pipeline, context) =>
            GovernanceResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<GovernanceClientOptions>>().Value));
        builder.AddHttpMessageHandler(provider => new BearerTokenHandler(
            provider.GetService<ITokenProvider>() ?? AnonymousTokenProvider.Instance));
        return builder;
    }
}
