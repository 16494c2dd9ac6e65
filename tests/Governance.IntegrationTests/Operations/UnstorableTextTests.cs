using System.Net;
using System.Net.Http.Json;
using System.Text;
using Governance.IntegrationTests.Infrastructure;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// U+0000 and unpaired surrogates, which PostgreSQL cannot store, are refused with 400 naming where they were,
/// whatever the route: before, each reached the database and came back as 500.
/// </summary>
public sealed class UnstorableTextTests(BadInputFixture factory) : IClassFixture<BadInputFixture>
{
    private const string Placeholder = "PLACEHOLDER-VALUE";

    private static string ContractJsonWith(string member, string escaped)
    {
        var content = new ContractContent
        {
            Title = "Study",
            Description = "About",
            Parties = ["alice"],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 1 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
        };
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(content, ContractJson.Options))!;
        node[member] = Placeholder;
        return node.ToJsonString().Replace(Placeholder, escaped, StringComparison.Ordinal);
    }

    private async Task<System.Text.Json.JsonElement> RefusedAsync(HttpMethod method, string path, string? json = null)
    {
        using var client = factory.CreateClient(factory.Alice);
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await ProblemAssert.IsProblem(await client.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("title", "a\\u0000b")]
    [InlineData("description", "\\u0000")]
    [InlineData("title", "a\\ud800b")]
    [InlineData("description", "\\udc00")]
    public async Task A_contract_with_unstorable_text_is_refused_naming_the_member(string member, string escaped)
    {
        var body = await RefusedAsync(HttpMethod.Post, "/contracts", ContractJsonWith(member, escaped));
        var detail = body.GetProperty("detail").GetString()!;
        Assert.Contains("U+0000", detail, StringComparison.Ordinal);
        Assert.Contains($"$.{member}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasons_display_names_and_release_fields_with_U0000_are_refused()
    {
        var contract = Guid.NewGuid();
        await RefusedAsync(HttpMethod.Post, $"/contracts/{contract}/reject", """{"reason":"no\u0000"}""");
        await RefusedAsync(HttpMethod.Post, $"/contracts/{contract}/revoke", """{"reason":"\u0000"}""");
        await RefusedAsync(HttpMethod.Post, "/proposals", """{"kind":"addMember","memberId":"dave","displayName":"D\u0000ve","roles":["member"]}""");
        await RefusedAsync(HttpMethod.Post, "/release", """{"contractId":"\u0000","nonce":"n","evidence":{"type":"sev-snp"},"wrappingKey":{"kty":"EC"}}""");
        var release = await RefusedAsync(HttpMethod.Post, "/release", $$$"""{"contractId":"{{{Guid.NewGuid()}}}","nonce":"n","evidence":{"type":"sev-snp\u0000"},"wrappingKey":{"kty":"EC"}}""");
        Assert.Contains("$.evidence.type", release.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/audit/entries?actor=a%00b", "actor")]
    [InlineData("/audit/entries?action=%00", "action")]
    [InlineData("/audit/entries?contract=x%00", "contract")]
    [InlineData("/contracts?state=%00", "state")]
    public async Task Query_values_with_U0000_are_refused_naming_the_parameter(string path, string parameter)
    {
        var body = await RefusedAsync(HttpMethod.Get, path);
        Assert.Contains($"'{parameter}'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordinary_text_still_passes()
    {
        using var client = factory.CreateClient(factory.Alice);
        var response = await client.PostAsync("/contracts", new StringContent(ContractJsonWith("title", "Caf\\u00e9 \\ud83d\\ude00"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        Assert.Equal("Café 😀", view.Content.Title);
    }
}
