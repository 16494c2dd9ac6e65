using System.Net;
using System.Text.Json;

namespace Governance.IntegrationTests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts the status and an RFC 9457 body; returns the body for further checks.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.True(body.TryGetProperty("type", out var type) && !string.IsNullOrWhiteSpace(type.GetString()), $"A problem names its type: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }
}
