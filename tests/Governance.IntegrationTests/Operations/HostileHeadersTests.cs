using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// Requests that are well formed as HTTP but hostile in their headers or in JSON kept for later parsing: each answers a
/// 4xx problem, never a 500 (and in Development never the exception page, which echoed the caller's token).
/// </summary>
public sealed class HostileHeadersTests(BadInputFixture factory) : IClassFixture<BadInputFixture>
{
    private static HttpRequestMessage Get(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Errors_are_problem_json_whatever_the_accept_header_asks_for(string accept)
    {
        using var anonymous = factory.CreateClient();
        await ProblemAssert.IsProblem(await anonymous.SendAsync(Get("/members", accept)), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await anonymous.SendAsync(Get("/no-such-route", accept)), HttpStatusCode.NotFound);

        using var alice = factory.CreateClient(factory.Alice);
        await ProblemAssert.IsProblem(await alice.SendAsync(Get("/settings", accept)), HttpStatusCode.Forbidden);
        var missing = await alice.SendAsync(Get($"/contracts/{Guid.NewGuid()}", accept));
        var body = await ProblemAssert.IsProblem(missing, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Bearer", body.GetRawText(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await alice.SendAsync(Get("/audit/entries?actor=%00", accept)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("ebcdic")]
    [InlineData("utf-7")]
    [InlineData("iso-8859-1")]
    public async Task A_body_declared_in_another_charset_than_utf8_is_415(string charset)
    {
        using var anonymous = factory.CreateClient();
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/json; charset={charset}");
        await ProblemAssert.IsProblem(await anonymous.PostAsync("/release", content), HttpStatusCode.UnsupportedMediaType);

        using var alice = factory.CreateClient(factory.Alice);
        using var utf8 = new StringContent("""{"kind":"removeMember","memberId":"nobody-here"}""", Encoding.UTF8);
        utf8.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=\"UTF-8\"");
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await alice.PostAsync("/proposals", utf8)).StatusCode);
    }

    [Theory]
    [InlineData("/members/me/keys", """{"key":"\ud800"}""")]
    [InlineData("/members/me/keys", """{"key":{"kty":"EC","crv":"P-384","x":"\ud800","y":"A"}}""")]
    [InlineData("/members/me/keys", """{"key":{"kty":"EC","crv":"P-384","x":"AA","y":"AA","junk":"\u0000"}}""")]
    [InlineData("/proposals", """{"kind":"addMember","memberId":"dave","displayName":"D","roles":["member"],"keys":["\ud800"]}""")]
    [InlineData("/proposals", """{"kind":"addMember","memberId":"dave","displayName":"D","roles":["member"],"keys":[{"\ud800":"EC"}]}""")]
    public async Task Unstorable_text_inside_json_kept_for_later_parsing_is_400(string path, string json)
    {
        using var alice = factory.CreateClient(factory.Alice);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblem(await alice.PostAsync(path, content), HttpStatusCode.BadRequest);
    }
}
