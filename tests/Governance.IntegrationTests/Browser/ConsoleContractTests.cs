using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Protocol.Contracts;
using Microsoft.Playwright;

namespace Governance.IntegrationTests.Browser;

/// <summary>Parties decide on a contract in the console, in a real browser, with their own key files.</summary>
public sealed class ConsoleContractTests(ConsoleFixture service) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task The_console_is_served_under_a_strict_content_security_policy()
    {
        var page = await service.Chromium.NewPageAsync(service.Address);
        var response = (await page.GotoAsync("/console"))!;

        Assert.EndsWith("/console/", page.Url, StringComparison.Ordinal);
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Two_members_approve_a_contract_in_the_page_with_their_key_files()
    {
        var id = await service.ProposeAsync("Sales uplift study", RandomNumberGenerator.GetBytes(48));

        var alice = await ConsolePage.OpenAsync(service);
        await ConsolePage.SignInWithKeyAsync(alice, "alice", service.AlicePemFile);
        var awaiting = alice.Locator("#awaiting-approval");
        await Assertions.Expect(awaiting.GetByRole(AriaRole.Link, new() { Name = "Sales uplift study" }).First).ToBeVisibleAsync();
        await ConsolePage.GoAsync(alice, $"#/contracts/{id}");
        await Assertions.Expect(alice.Locator("#digest-status")).ToContainTextAsync("matches the content shown");
        await Assertions.Expect(alice.Locator("#attestation-rules")).ToContainTextAsync("The guest SVN must be at least 1");
        await Assertions.Expect(alice.Locator("#token-expiry")).Not.ToBeEmptyAsync();
        await alice.GetByRole(AriaRole.Button, new() { Name = "Approve this digest" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#decision-status")).ToContainTextAsync("Approved");

        var bob = await ConsolePage.OpenAsync(service);
        await ConsolePage.SignInWithKeyAsync(bob, "bob", service.BobJwkFile);
        await ConsolePage.GoAsync(bob, $"#/contracts/{id}");
        await bob.GetByRole(AriaRole.Button, new() { Name = "Approve this digest" }).ClickAsync();
        await Assertions.Expect(bob.Locator("#contract-state")).ToHaveTextAsync("accepted");
        // Each signature is checked in the page against the signer's registered key.
        await Assertions.Expect(bob.Locator("[data-member=alice]")).ToHaveTextAsync("verifies");
        await Assertions.Expect(bob.Locator("[data-member=bob]")).ToHaveTextAsync("verifies");
        await HeadlessChromium.ScreenshotAsync(bob, "console-contract");

        var accepted = await service.ContractAsync(id);
        Assert.Equal(ContractStateName.Accepted, accepted.State);
        Assert.Equal(["alice", "bob"], accepted.ApprovedBy.Order(StringComparer.Ordinal));
        using var carol = service.CreateClient(service.Carol);
        var approvals = (await carol.GetFromJsonAsync<ContractApprovalsView>($"/contracts/{id}/approvals", ContractJson.Options))!;
        Assert.Equal([service.Alice.KeyId, service.Bob.KeyId], approvals.Approvals.OrderBy(a => a.MemberId, StringComparer.Ordinal).Select(a => a.KeyId));
        Assert.True(ContractApprovalSignature.TryReadHeader(approvals.Approvals.Single(a => a.MemberId == "bob").Signature, out var header));
        Assert.Equal("ES384", header.Algorithm);
    }

    [Fact]
    public async Task The_page_refuses_to_sign_when_the_served_content_does_not_match_the_served_digest()
    {
        var id = await service.ProposeAsync("Churn model", RandomNumberGenerator.GetBytes(48));
        var alice = await ConsolePage.OpenAsync(service);
        // A service (or anything between it and the browser) that shows one content and asks for consent to another's digest.
        await alice.RouteAsync($"**/contracts/{id}", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonNode.Parse(await response.TextAsync())!;
            body["content"]!["title"] = "Churn model (read only)";
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body.ToJsonString() });
        });
        await ConsolePage.SignInWithKeyAsync(alice, "alice", service.AlicePemFile);
        await ConsolePage.GoAsync(alice, $"#/contracts/{id}");

        await Assertions.Expect(alice.Locator("#contract-title")).ToHaveTextAsync("Churn model (read only)");
        await Assertions.Expect(alice.Locator("#digest-status")).ToContainTextAsync("does NOT match");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Approve this digest" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#decision-status")).ToContainTextAsync("Refused to sign");

        var contract = await service.ContractAsync(id);
        Assert.Equal(ContractStateName.Proposed, contract.State);
        Assert.Empty(contract.ApprovedBy);
    }

    [Fact]
    public async Task Markup_in_a_contract_is_shown_as_text_and_an_amendment_without_a_diff_route_shows_no_error()
    {
        const string title = "<img src=x onerror=\"document.title='owned'\"> Amended study";
        var id = await service.ProposeAsync(title, RandomNumberGenerator.GetBytes(48));
        await service.AcceptAsync(id);
        using var alice = service.CreateClient(service.Alice);
        var amendment = (await (await alice.PostAsync($"/contracts/{id}/amend", null)).Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!;
        Assert.Equal(2, amendment.Version);

        var page = await ConsolePage.OpenAsync(service);
        await ConsolePage.SignInWithKeyAsync(page, "alice", service.AlicePemFile);
        await ConsolePage.GoAsync(page, $"#/contracts/{amendment.Id}");

        await Assertions.Expect(page.Locator("#contract-title")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("#contract-title img")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#approvals")).ToHaveTextAsync("No approvals yet.");
        // Until the service offers GET /contracts/{id}/diff the amendment is shown whole, without an error.
        await Assertions.Expect(page.Locator("#changes .error")).ToHaveCountAsync(0);
        Assert.Equal("Governance console", await page.TitleAsync());
    }

    [Fact]
    public async Task A_token_the_page_minted_from_the_key_is_renewed_before_it_expires()
    {
        var page = await service.Chromium.NewPageAsync(service.Address);
        // The page's clock is Playwright's: four and a half minutes pass at once, no test waits for them.
        await page.Clock.InstallAsync();
        await page.GotoAsync("/console/");
        await ConsolePage.SignInWithKeyAsync(page, "alice", service.AlicePemFile);
        var expiry = page.Locator("#token-expiry");
        var minted = (await expiry.GetAttributeAsync("datetime"))!;
        var first = DateTimeOffset.Parse(minted, System.Globalization.CultureInfo.InvariantCulture);

        await page.Clock.FastForwardAsync("04:30");

        await Assertions.Expect(expiry).Not.ToHaveAttributeAsync("datetime", minted);
        var renewed = DateTimeOffset.Parse((await expiry.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(renewed - first >= TimeSpan.FromMinutes(4), $"{first:O} → {renewed:O}");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as alice");
    }

    [Fact]
    public async Task The_console_reads_on_a_narrow_window()
    {
        var id = await service.ProposeAsync("Narrow window study", RandomNumberGenerator.GetBytes(48));
        var page = await ConsolePage.OpenAsync(service, 390, 844);
        await ConsolePage.SignInWithKeyAsync(page, "alice", service.AlicePemFile);
        await ConsolePage.GoAsync(page, $"#/contracts/{id}");
        await Assertions.Expect(page.Locator("#contract-title")).ToHaveTextAsync("Narrow window study");

        await Assertions.Expect(page.Locator("#approvals")).ToHaveTextAsync("No approvals yet.");
        // Nothing is wider than the window: the page scrolls down, never sideways.
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth", null, new() { Timeout = 5000 });
        await HeadlessChromium.ScreenshotAsync(page, "console-contract-narrow");
    }
}
