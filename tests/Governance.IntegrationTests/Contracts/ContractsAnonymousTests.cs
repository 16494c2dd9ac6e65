using System.Net;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Contracts;

public sealed class ContractsAnonymousTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Theory]
    [InlineData("GET", "/contracts")]
    [InlineData("GET", "/contracts/0195f1c2-0000-7000-8000-000000000000")]
    [InlineData("POST", "/contracts")]
    [InlineData("POST", "/contracts/0195f1c2-0000-7000-8000-000000000000/approvals")]
    public async Task Contracts_require_a_signed_in_caller(string method, string path)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Openapi_documents_the_swagger_approval_flow()
    {
        using var client = factory.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/contracts/{id}/approvals", document, StringComparison.Ordinal);
        Assert.Contains("governance contracts sign-digest", document, StringComparison.Ordinal);
    }
}
