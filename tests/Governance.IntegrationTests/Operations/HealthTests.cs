using System.Net;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

public sealed class HealthTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Fact]
    public async Task Healthz_and_readyz_answer_when_the_database_is_up()
    {
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Unknown_route_answers_problem_details()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Openapi_document_is_served_at_a_stable_url()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"openapi\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
