namespace Governance.Api.Release;

internal static class ReleaseServiceRegistration
{
    public static IServiceCollection AddReleaseServices(this IServiceCollection services)
    {
        services.AddScoped<ReceiptSigner>();
        services.AddHostedService<ChallengeSweeper>();
        return services;
    }
}
