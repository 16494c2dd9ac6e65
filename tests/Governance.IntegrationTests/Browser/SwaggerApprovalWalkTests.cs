using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Cli;
using Governance.Protocol.Contracts;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Governance.IntegrationTests.Browser;

/// <summary>The two members Swagger UI's request examples name (alice and bob), with their keys in PEM files as `keys new` leaves them.</summary>
public sealed class SwaggerApprovalWalkFixture : BrowserServiceFixture
{
    public SwaggerApprovalWalkFixture()
    {
        KeyDirectory = Directory.CreateTempSubdirectory("governance-swagger-keys-").FullName;
        foreach (var member in new[] { AddGenesisMember("alice"), AddGenesisMember("bob") })
        {
            File.WriteAllText(KeyPath(member.Id), member.PrivateKey.ExportPkcs8PrivateKeyPem());
        }
    }

    public string KeyDirectory { get; }

    public string KeyPath(string member) => Path.Combine(KeyDirectory, member + ".pem");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(KeyDirectory, recursive: true);
    }
}

/// <summary>
/// A two-party contract from draft to accepted in Swagger UI, as collaborators without a script do it: each signs in
/// with the token `governance token` prints, the documented request example creates the contract as it stands, and
/// each approval is the output of `governance contracts sign-digest --contract ID` pasted into the approval body.
/// Every value carried from one place to another is counted as one copy-paste.
/// </summary>
public sealed class SwaggerApprovalWalkTests(SwaggerApprovalWalkFixture service, ITestOutputHelper output) : IClassFixture<SwaggerApprovalWalkFixture>
{
    private readonly List<string> pastes = [];

    [Fact]
    public async Task Two_parties_take_a_contract_from_the_example_to_accepted_in_Swagger_UI()
    {
        using var cli = new CliRunner();
        var page = await service.Chromium.NewPageAsync(service.Address);
        await page.GotoAsync("/");
        await page.Locator(".opblock-tag-section").First.WaitForAsync();

        await AuthorizeAsync(page, await CliAsync(cli, ["token", .. As("alice")]), "alice's token");
        await HeadlessChromium.ScreenshotAsync(page, "swagger-walk-1-authorized");

        var create = await ExecuteAsync(page, "CreateContract", null, null);
        Assert.Equal(201, create.Status);
        var id = create.Body.GetProperty("id").GetString()!;
        Assert.Equal(["alice", "bob"], create.Body.GetProperty("content").GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        await HeadlessChromium.ScreenshotAsync(page, "swagger-walk-2-created");

        var propose = await ExecuteAsync(page, "ProposeContract", Paste(id, "the contract id into propose"), null);
        Assert.Equal(200, propose.Status);
        Assert.Equal("proposed", propose.Body.GetProperty("state").GetString());

        var aliceApproval = await CliAsync(cli, ["contracts", "sign-digest", "--contract", Paste(id, "the contract id into alice's sign-digest"), .. As("alice")]);
        var byAlice = await ExecuteAsync(page, "ApproveContract", Paste(id, "the contract id into approve"), Paste(aliceApproval, "alice's digest and signature"));
        Assert.Equal(200, byAlice.Status);
        Assert.Equal(["alice"], byAlice.Body.GetProperty("approvedBy").EnumerateArray().Select(a => a.GetString()));
        await HeadlessChromium.ScreenshotAsync(page, "swagger-walk-3-approved-by-alice");

        // Bob is at his own desk: his own browser, his own sign-in.
        var bobsPage = await service.Chromium.NewPageAsync(service.Address);
        await bobsPage.GotoAsync("/");
        await bobsPage.Locator(".opblock-tag-section").First.WaitForAsync();
        await AuthorizeAsync(bobsPage, await CliAsync(cli, ["token", .. As("bob")]), "bob's token");
        var bobApproval = await CliAsync(cli, ["contracts", "sign-digest", "--contract", Paste(id, "the contract id into bob's sign-digest"), .. As("bob")]);
        var byBob = await ExecuteAsync(bobsPage, "ApproveContract", Paste(id, "the contract id into bob's approve"), Paste(bobApproval, "bob's digest and signature"));
        Assert.Equal(200, byBob.Status);
        Assert.Equal("accepted", byBob.Body.GetProperty("state").GetString());
        await HeadlessChromium.ScreenshotAsync(bobsPage, "swagger-walk-4-accepted-by-bob");

        using var api = service.CreateClient(service.GenesisMembers[0]);
        var stored = await api.GetFromJsonAsync<ContractView>($"/contracts/{id}", ContractJson.Options);
        Assert.Equal(ContractStateName.Accepted, stored!.State);
        Assert.Equal(["alice", "bob"], stored.ApprovedBy.Order(StringComparer.Ordinal));

        output.WriteLine($"Copy-pastes for a two-party approval in Swagger UI: {pastes.Count}");
        pastes.ForEach(output.WriteLine);
        Assert.Equal(9, pastes.Count);
    }

    private string[] As(string member) => ["--service", service.Address.ToString(), "--member", member, "--key", service.KeyPath(member)];

    private string Paste(string value, string what)
    {
        pastes.Add(what);
        return value;
    }

    private static async Task<string> CliAsync(CliRunner cli, string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Trim();
    }

    /// <summary>Authorize, (Logout when someone is signed in), paste the token, Authorize, Close.</summary>
    private async Task AuthorizeAsync(IPage page, string token, string what)
    {
        await page.Locator(".auth-wrapper button.authorize").ClickAsync();
        var modal = page.Locator(".modal-ux");
        await modal.WaitForAsync();
        // Swagger UI labels its Logout button "Remove authorization" for screen readers.
        var logout = modal.Locator("button", new() { HasText = "Logout" });
        if (await logout.CountAsync() > 0)
        {
            await logout.ClickAsync();
        }

        await modal.Locator("input").First.FillAsync(Paste(token, what));
        await modal.Locator(".auth-btn-wrapper button.authorize").ClickAsync();
        await modal.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
    }

    /// <summary>Expands the operation (once), presses Try it out (once), fills the id and the body when given, presses Execute, reads the answer off the page.</summary>
    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IPage page, string operationId, string? id, string? body)
    {
        var operation = page.Locator($"[id='operations-Contracts-{operationId}']");
        if (!await operation.Locator(".opblock-body").IsVisibleAsync())
        {
            await operation.Locator(".opblock-summary").First.ClickAsync();
        }

        // Once pressed, "Try it out" turns into Cancel (and Reset beside it with a body).
        var tryItOut = operation.Locator("button.try-out__btn", new() { HasText = "Try it out" });
        if (await tryItOut.CountAsync() > 0)
        {
            await tryItOut.ClickAsync();
        }

        if (id is not null)
        {
            await operation.Locator("tr[data-param-name='id'] input").FillAsync(id);
        }

        if (body is not null)
        {
            await operation.Locator("textarea.body-param__text").FillAsync(body);
        }

        var answered = await page.RunAndWaitForResponseAsync(
            () => operation.Locator("button.execute").ClickAsync(),
            response => response.Url.Contains("/contracts", StringComparison.Ordinal) && response.Request.Method != "GET");
        var live = operation.Locator(".live-responses-table tbody tr.response");
        var status = live.Locator("td.response-col_status");
        await Assertions.Expect(status).ToHaveTextAsync(answered.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = await live.Locator("td.response-col_description pre").First.InnerTextAsync();
        using var document = JsonDocument.Parse(text);
        return (int.Parse(await status.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), document.RootElement.Clone());
    }
}
