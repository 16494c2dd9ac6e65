using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

public sealed class OpenApiTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Fact]
    public async Task The_document_describes_bearer_sign_in_endpoints_and_examples()
    {
        using var client = factory.CreateClient();
        var text = await client.GetStringAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(text).RootElement;

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/members", "/members/me", "/members/{id}", "/members/me/keys", "/members/me/keys/{keyId}",
                     "/proposals", "/proposals/{id}", "/proposals/{id}/ballots", "/proposals/{id}/withdraw", "/settings" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }

        var propose = paths.GetProperty("/proposals").GetProperty("post");
        Assert.Contains("membership change", propose.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("CreateProposalRequest").GetProperty("properties");
        Assert.Equal("dave", request.GetProperty("memberId").GetProperty("example").GetString());
        Assert.Contains("addMember", schemas.GetProperty("ProposalKindDto").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_names_no_dotnet_type_or_member()
    {
        using var client = factory.CreateClient();
        var text = await client.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("Governance.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        foreach (var schema in JsonDocument.Parse(text).RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", schema.Name);
        }
    }
}
