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
    /// Use cases are registered by one rule (every class under api/Application that serves no interface), so one
    /// written for a single mode still resolves in the other and none needs a line of its own in a setup file.
    /// </summary>
    [Fact]
    public async Task Every_use_case_is_registered_once_as_scoped_and_values_are_not()
    {
        IServiceCollection? registered = null;
        await using var factory = new GovernanceApiFactory();
        await factory.InitializeAsync();
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => registered = services));
        _ = host.Services;

        var scoped = registered!
            .Where(d => d.Lifetime == ServiceLifetime.Scoped && d.ServiceType == d.ImplementationType)
            .Select(d => d.ServiceType.FullName)
            .ToHashSet();
        foreach (var useCase in new[]
                 {
                     "Release.ReleaseHandler", "Release.CleanRoomChannel", "Contracts.ApproveContract", "Contracts.ChangeConsent",
                     "Membership.CastBallot", "Secrets.RewrapKeys", "Custody.UnsealServiceKey", "Custody.SubmitRecoveryShare", "Service.AttestService",
                 })
        {
            Assert.Contains($"Governance.Api.Application.{useCase}", scoped);
        }

        // A record is a value and a class serving an interface is registered as that interface, never as itself.
        Assert.DoesNotContain("Governance.Api.Application.Contracts.ContractCaller", scoped);
        Assert.DoesNotContain("Governance.Api.Application.Contracts.AcceptanceSealBackfill", scoped);
        Assert.Contains(registered!, d => d.ImplementationType?.FullName == "Governance.Api.Application.Contracts.AcceptanceSealBackfill" && d.ServiceType.Name == "IStartupTask");
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
