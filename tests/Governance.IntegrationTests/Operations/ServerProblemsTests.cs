using System.Net;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

/// <summary>Answers the framework produces itself (no route, wrong method, oversized headers) are problem details too.</summary>
public sealed class ServerProblemsTests(BadInputFixture factory) : IClassFixture<BadInputFixture>
{
    [Fact]
    public async Task An_unknown_route_is_404_problem_details() =>
        await ProblemAssert.IsProblem(await factory.CreateClient(factory.Alice).GetAsync("/no-such-thing"), HttpStatusCode.NotFound);

    [Fact]
    public async Task A_wrong_method_is_405_problem_details()
    {
        using var client = factory.CreateClient(factory.Alice);
        await ProblemAssert.IsProblem(await client.DeleteAsync("/members/me"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Request_headers_over_32_KiB_are_431_problem_details()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Padding", new string('a', 33 * 1024));
        await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}

/// <summary>The real application on Kestrel (not the in-memory test server), for limits only Kestrel enforces.</summary>
public sealed class KestrelFixture : GovernanceApiFactory
{
    public KestrelFixture() => UseKestrel(0);
}

public sealed class KestrelProblemsTests(KestrelFixture factory) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task Headers_between_32_and_64_KiB_get_a_problem_details_431_through_Kestrel()
    {
        factory.StartServer();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));
        await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}
