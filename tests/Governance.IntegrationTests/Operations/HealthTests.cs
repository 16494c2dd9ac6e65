using System.Net;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

public sealed class HealthTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Theory]
    [InlineData("TRACE")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Probes_answer_only_get_and_head(string method)
    {
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            await ProblemAssert.IsProblem(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.MethodNotAllowed);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode);
        }
    }

    [Fact]
    public async Task Healthz_and_readyz_answer_when_the_database_is_up()
    {
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
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
