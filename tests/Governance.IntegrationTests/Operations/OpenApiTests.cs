using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Governance.IntegrationTests.Operations;

/// <summary>A consortium of the two members the documented examples name.</summary>
public sealed class OpenApiFixture : GovernanceApiFactory
{
    public OpenApiFixture()
    {
        Alice = AddGenesisMember("alice", "member");
        Bob = AddGenesisMember("bob", "member");
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }
}

public sealed class OpenApiTests(OpenApiFixture factory) : IClassFixture<OpenApiFixture>
{
    private static readonly string[] AnonymousOperations = [
        "GetServiceKeys", "IssueReleaseChallenge", "ReleaseSecrets", "CheckConsentFromCleanRoom", "ReportCleanRoomEvent", "GetServiceAttestation", "GetServiceStatus"];

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(method => (path.Name, method.Name, method.Value)));

    private static JsonElement Operation(JsonElement document, string operationId) =>
        Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;

    private static string Example(JsonElement document, string operationId) =>
        Operation(document, operationId).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();

    [Fact]
    public async Task The_document_describes_bearer_sign_in_endpoints_and_examples()
    {
        var document = await DocumentAsync();
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

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id()
    {
        var ids = Operations(await DocumentAsync())
            .Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : $"(none: {o.Method} {o.Path})").ToList();
        Assert.All(ids, id => Assert.DoesNotContain("(none", id!, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_refusal_is_declared_with_the_problem_schema_and_its_extension_members()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("503", out _), $"{method} {path} does not declare 503");
            foreach (var response in responses.EnumerateObject().Where(r => int.Parse(r.Name) >= 400))
            {
                var schema = response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
                Assert.Equal("#/components/schemas/ProblemDetails", schema.GetProperty("$ref").GetString());
                Assert.False(string.IsNullOrWhiteSpace(response.Value.GetProperty("description").GetString()));
            }
        }

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties");
        foreach (var member in new[] { "status", "title", "detail", "errors", "omittedErrors", "failures", "currentDigest", "traceId" })
        {
            Assert.True(problem.TryGetProperty(member, out _), $"the problem schema lacks {member}");
        }

        var approve = Operation(document, "ApproveContract").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403", "404", "409", "422" })
        {
            Assert.True(approve.TryGetProperty(status, out _), $"ApproveContract does not declare {status}");
        }

        var edit = Operation(document, "EditContract").GetProperty("responses");
        Assert.True(edit.TryGetProperty("412", out _) && edit.TryGetProperty("428", out _));
        Assert.True(Operation(document, "ProposeContract").GetProperty("responses").TryGetProperty("412", out _));
    }

    [Fact]
    public async Task Only_operations_that_need_a_signed_in_caller_carry_the_bearer_requirement()
    {
        var document = await DocumentAsync();
        Assert.False(document.TryGetProperty("security", out _), "a document-wide requirement puts the lock on anonymous operations");
        foreach (var (path, method, operation) in Operations(document))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            var locked = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.True(locked != AnonymousOperations.Contains(id), $"{method} {path} ({id}) locked={locked}");
        }
    }

    [Fact]
    public async Task Editing_a_draft_documents_a_required_if_match_and_proposing_an_optional_one()
    {
        var document = await DocumentAsync();
        static JsonElement IfMatch(JsonElement operation) =>
            operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
        var edit = IfMatch(Operation(document, "EditContract"));
        Assert.Equal("header", edit.GetProperty("in").GetString());
        Assert.True(edit.GetProperty("required").GetBoolean());
        var propose = IfMatch(Operation(document, "ProposeContract"));
        Assert.False(propose.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.False(propose.TryGetProperty("example", out _), "Swagger UI would send the example as the tag");
    }

    [Fact]
    public async Task Tags_follow_the_story_and_who_am_i_comes_first()
    {
        var document = await DocumentAsync();
        var tags = document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Members", "Contracts", "Secrets", "Release", "Audit", "Keys"], tags.Take(6));
        var first = Operations(document).First();
        Assert.Equal(("/members/me", "get"), (first.Path, first.Method));
    }

    [Fact]
    public async Task Query_parameters_with_a_few_values_list_them()
    {
        var document = await DocumentAsync();
        var state = Operation(document, "ListContracts").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "state");
        Assert.Contains("accepted", state.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var cleanRoomType = document.GetProperty("components").GetProperty("schemas").GetProperty("CleanRoomProfile").GetProperty("properties").GetProperty("type");
        Assert.Equal([0, 1, 2, 3], cleanRoomType.GetProperty("enum").EnumerateArray().Select(v => v.GetInt32()));
        foreach (var name in new[] { "ContractStateName", "EgressMode", "VoteDto", "SigningKeyName" })
        {
            Assert.Equal("string", document.GetProperty("components").GetProperty("schemas").GetProperty(name).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task The_root_redirects_to_swagger_ui()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Who_am_i_answers_when_the_token_expires()
    {
        using var client = factory.CreateClient(factory.Bob);
        var me = JsonDocument.Parse(await client.GetStringAsync("/members/me")).RootElement;
        Assert.Equal("bob", me.GetProperty("id").GetString());
        var expiresAt = me.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(10));

        using var other = factory.CreateClient(factory.Bob);
        var listed = JsonDocument.Parse(await other.GetStringAsync("/members/bob")).RootElement;
        Assert.False(listed.TryGetProperty("expiresAt", out _), "only /members/me speaks of the caller's token");
    }

    [Fact]
    public async Task The_documented_contract_example_is_safe_and_passes_validation_as_it_stands()
    {
        var document = await DocumentAsync();
        var example = JsonDocument.Parse(Example(document, "CreateContract")).RootElement;
        var policy = example.GetProperty("attestationPolicy");
        foreach (var allow in policy.EnumerateObject().Where(p => p.Name.StartsWith("allow", StringComparison.Ordinal)))
        {
            Assert.False(allow.Value.GetBoolean(), $"{allow.Name} is true in the example");
        }

        foreach (var allow in new[] { "allowDebug", "allowMigrationAgent", "allowMaskedChipId", "allowSmt" })
        {
            Assert.True(policy.TryGetProperty(allow, out _), $"the example leaves {allow} to its default");
        }

        using var alice = factory.CreateClient(factory.Alice);
        var created = await alice.PostAsync("/contracts", Json(Example(document, "CreateContract")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{id}") { Content = Json(Example(document, "EditContract")) };
        edit.Headers.IfMatch.Add(created.Headers.ETag!);
        var edited = await alice.SendAsync(edit);
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());

        var proposed = await alice.PostAsync($"/contracts/{id}/propose", null);
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);

        // The approval example holds a placeholder digest and signature: refused for what it says, not for its shape.
        var approved = await alice.PostAsync($"/contracts/{id}/approvals", Json(Example(document, "ApproveContract")));
        await AssertNotRefusedForShape(approved);
        var rejected = await alice.PostAsync($"/contracts/{Guid.NewGuid()}/reject", Json(Example(document, "RejectContract")));
        await AssertNotRefusedForShape(rejected);
    }

    [Fact]
    public async Task The_documented_membership_examples_are_accepted_as_they_stand()
    {
        var document = await DocumentAsync();
        using var alice = factory.CreateClient(factory.Alice);
        var proposed = await alice.PostAsync("/proposals", Json(Example(document, "Propose")));
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await proposed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        var ballot = await alice.PostAsync($"/proposals/{id}/ballots", Json(Example(document, "CastBallot")));
        Assert.True(ballot.StatusCode == HttpStatusCode.OK, await ballot.Content.ReadAsStringAsync());

        using var secret = new HttpRequestMessage(HttpMethod.Put, "/secrets/example-secret") { Content = Json(Example(document, "PutSecret")) };
        var stored = await alice.SendAsync(secret);
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());

        using var bob = factory.CreateClient(factory.Bob);
        await AssertNotRefusedForShape(await bob.PostAsync("/members/me/keys", Json(Example(document, "AddOwnKey"))));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertNotRefusedForShape(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.InternalServerError), body);
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity && JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors))
        {
            Assert.Fail($"the example breaks content rules: {errors}");
        }
    }
}
