using System.Net;
using System.Net.Http.Json;
using System.Text;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

public sealed class BadInputFixture : GovernanceApiFactory
{
    public BadInputFixture() => Alice = AddGenesisMember("alice", "member");

    public TestMember Alice { get; }
}

public sealed class BadInputTests(BadInputFixture factory) : IClassFixture<BadInputFixture>
{
    private async Task<HttpResponseMessage> PostRaw(string path, string json)
    {
        using var client = factory.CreateClient(factory.Alice);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var body = await ProblemAssert.IsProblem(await PostRaw("/proposals", "{\"kind\": "), HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Wrong_types_are_400() =>
        await ProblemAssert.IsProblem(await PostRaw("/proposals", """{"kind":"removeMember","memberId":42}"""), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Unknown_enum_values_are_400() =>
        await ProblemAssert.IsProblem(await PostRaw("/proposals", """{"kind":"crown","memberId":"alice"}"""), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Unknown_fields_are_400()
    {
        var body = await ProblemAssert.IsProblem(await PostRaw("/proposals", """{"kind":"removeMember","memberId":"alice","sneaky":true}"""), HttpStatusCode.BadRequest);
        Assert.Contains("sneaky", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_fields_are_400() =>
        await ProblemAssert.IsProblem(await PostRaw("/proposals/" + Guid.NewGuid() + "/ballots", "{}"), HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("""{"kind":"removeMember","memberId":"alice","sneaky":true}""", "sneaky")]
    [InlineData("""{"kind":"removeMember","memberId":42}""", "$.memberId")]
    [InlineData("""{"kind":"crown","memberId":"alice"}""", "$.kind")]
    [InlineData("""{"memberId":"alice"}""", "kind")]
    [InlineData("""[1]""", "request")]
    public async Task Malformed_bodies_are_described_without_naming_dotnet_types(string json, string named)
    {
        var detail = (await ProblemAssert.IsProblem(await PostRaw("/proposals", json), HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.Contains(named, detail, StringComparison.Ordinal);
        foreach (var leak in new[] { "Governance.", "System.", ".NET", "ProposalRequest", "Int32", "String", "U+0000" })
        {
            Assert.DoesNotContain(leak, detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = "{\"kind\":\"removeMember\",\"memberId\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        await ProblemAssert.IsProblem(await PostRaw("/proposals", huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/contracts", """{"title":"x","bogus":1}""", "$.bogus")]
    [InlineData("/contracts", """{"title":5}""", "$.title")]
    [InlineData("/contracts", """{"title":"x","cleanRoom":{"type":"zz"}}""", "$.cleanRoom.type")]
    [InlineData("/proposals", """{"kind":"removeMember","memberId":42}""", "$.memberId")]
    [InlineData("/proposals", """{"kind":"crown","memberId":"alice"}""", "$.kind")]
    public async Task A_body_that_does_not_bind_names_its_json_path_in_errors(string path, string json, string named)
    {
        var body = await ProblemAssert.IsProblem(await PostRaw(path, json), HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(named, out var messages), $"errors does not name {named}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        AssertNoDotNetNames(body.GetRawText());
    }

    [Theory]
    [InlineData("/audit/entries?limit=abc", "limit")]
    [InlineData("/contracts?limit=x", "limit")]
    [InlineData("/proposals?limit=1e3", "limit")]
    public async Task A_query_value_that_does_not_bind_names_its_parameter_in_errors(string path, string named)
    {
        using var client = factory.CreateClient(factory.Alice);
        var body = await ProblemAssert.IsProblem(await client.GetAsync(path), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(named, out _), body.GetRawText());
        AssertNoDotNetNames(body.GetRawText());
    }

    [Fact]
    public async Task No_response_so_far_named_a_dotnet_namespace()
    {
        using var client = factory.CreateClient(factory.Alice);
        await client.GetStringAsync("/openapi/v1.json");
        await PostRaw("/contracts", """{"title":"x","bogus":1}""");
        await client.GetAsync("/audit/entries?limit=abc");
        Assert.Empty(factory.Responses.Leaks);
    }

    private static void AssertNoDotNetNames(string text)
    {
        foreach (var leak in new[] { "Governance.", "System.", ".NET", "Nullable", "Int32", "ContractContent" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }
}
