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

    /// <summary>Requests Kestrel refuses while parsing, before any application code runs, sent as raw bytes.</summary>
    public static TheoryData<string, int> Unparseable => new()
    {
        { "GET /a\u0000b HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { $"GET /{new string('a', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414 },
        { $"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: {new string('a', 70 * 1024)}\r\n\r\n", 431 },
        { "GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n", 400 },
        { "POST /release HTTP/1.1\r\nHost: localhost\r\nContent-Length: twelve\r\n\r\n", 400 },
        { "GET /healthz HTTP/7.1\r\nHost: localhost\r\n\r\n", 505 },
    };

    [Theory]
    [MemberData(nameof(Unparseable))]
    public async Task Requests_Kestrel_cannot_parse_get_problem_details_not_an_empty_body(string raw, int status)
    {
        factory.StartServer();
        var address = factory.ClientOptions.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(raw));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var answer = await reader.ReadToEndAsync(); // Kestrel closes the connection after such an answer

        var (head, body) = (answer[..answer.IndexOf("\r\n\r\n", StringComparison.Ordinal)], answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close", head, StringComparison.Ordinal);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Keep_alive_responses_around_an_answer_pass_through_unchanged()
    {
        factory.StartServer();
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        await ProblemAssert.IsProblem(await client.GetAsync("/no-such-thing"), HttpStatusCode.NotFound);
    }
}
