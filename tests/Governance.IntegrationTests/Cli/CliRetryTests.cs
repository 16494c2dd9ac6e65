using System.Net;
using Governance.IntegrationTests.Sdk;

namespace Governance.IntegrationTests.Cli;

/// <summary>The CLI rides out a service that answers 503 with Retry-After (PostgreSQL briefly out of reach), as the SDK does.</summary>
public sealed class CliRetryTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    [Fact]
    public async Task A_command_retries_503_with_retry_after_and_then_succeeds()
    {
        FaultInjectingHandler? faults = null;
        using var cli = new CliRunner(() => faults = new FaultInjectingHandler(service.Server.CreateHandler(),
            (HttpStatusCode.ServiceUnavailable, "1"), (HttpStatusCode.ServiceUnavailable, "1")));

        var result = await cli.RunAsync(["members", "list", "--json", .. service.As("alice")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"alice\"", result.Out, StringComparison.Ordinal);
        Assert.Equal(3, faults!.Attempts);
    }

    [Fact]
    public async Task A_service_that_stays_unavailable_ends_with_the_unreachable_exit_code_and_its_reason()
    {
        using var cli = new CliRunner(() => new FaultInjectingHandler(service.Server.CreateHandler(),
            [.. Enumerable.Repeat<(HttpStatusCode, string?)>((HttpStatusCode.ServiceUnavailable, "0"), 20)]));

        var result = await cli.RunAsync(["members", "list", .. service.As("alice")]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("injected", result.Error, StringComparison.Ordinal);
    }
}
