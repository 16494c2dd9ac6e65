using Governance.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Operations;

/// <summary>Each of the service's own types is registered in one place, so there is one answer to "where does X come from".</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task No_service_of_its_own_is_registered_twice()
    {
        IServiceCollection? registered = null;
        await using var factory = new GovernanceApiFactory();
        await factory.InitializeAsync();
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => registered = services));
        _ = host.Services;

        // Several implementations of one interface (start-up tasks, hosted services) are meant; the same pair twice is not.
        var twice = registered!
            .Where(d => d.ServiceType.Namespace?.StartsWith("Governance.", StringComparison.Ordinal) == true)
            .GroupBy(d => (d.ServiceType, Implementation: d.ImplementationType ?? d.ImplementationInstance?.GetType()))
            .Where(group => group.Count() > 1)
            .Select(group => group.Key.ServiceType.Name)
            .ToList();
        Assert.Empty(twice);
    }

    /// <summary>
    /// Development validates every registration when the host is built; the tests run as Testing, which does not, so
    /// this builds the host with the same validation in both modes, where a handler one mode never asks for still resolves.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_registration_resolves_as_Development_checks_it(bool confidential)
    {
        await using var factory = confidential ? new Service.ConfidentialServiceFixture() : new GovernanceApiFactory();
        await factory.InitializeAsync();
        await using var host = factory.WithWebHostBuilder(builder => builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateOnBuild = true;
            options.ValidateScopes = true;
        }));
        Assert.NotNull(host.Services);
    }
}
