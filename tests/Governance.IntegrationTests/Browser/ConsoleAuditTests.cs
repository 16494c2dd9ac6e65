using System.Net;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Governance.IntegrationTests.Browser;

/// <summary>A compliance team's use of the console: find what was refused, see why, and prove it is in the signed log.</summary>
public sealed class ConsoleAuditTests(ConsoleFixture service) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task An_auditor_finds_a_refused_release_by_measurement_sees_its_failed_rules_and_its_proof_verified()
    {
        var agreed = RandomNumberGenerator.GetBytes(48);
        var other = RandomNumberGenerator.GetBytes(48);
        var id = await service.ProposeAsync("Fraud screening", agreed);
        await service.AcceptAsync(id);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ReleaseAsync(id, other)).StatusCode);

        var carol = await ConsolePage.OpenAsync(service);
        await ConsolePage.SignInWithTokenAsync(carol, "carol", service.Carol.CreateToken());
        await ConsolePage.GoAsync(carol, "#/audit");
        await Assertions.Expect(carol.Locator("#consistency-status")).ToContainTextAsync("first seen by this browser");
        await carol.GetByLabel("Measurement (hex)").FillAsync(Convert.ToHexStringLower(other));
        await carol.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var results = carol.Locator("#audit-results");
        await Assertions.Expect(results.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(results).ToContainTextAsync("release.denied");
        await Assertions.Expect(results).ToContainTextAsync("policy.measurement");
        await HeadlessChromium.ScreenshotAsync(carol, "console-audit");

        // The export holds what the filter selects, beside the signed head it was read under.
        var download = await carol.RunAndWaitForDownloadAsync(() => carol.GetByRole(AriaRole.Button, new() { Name = "Export JSONL" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Contains("release.denied", Assert.Single(lines), StringComparison.Ordinal);

        await results.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(carol.Locator("#proof-verdict")).ToHaveTextAsync("verified");
        var failed = carol.GetByRole(AriaRole.Row).Filter(new() { HasText = "policy.measurement" });
        await Assertions.Expect(failed).ToContainTextAsync(Convert.ToHexStringLower(agreed));
        await Assertions.Expect(failed).ToContainTextAsync(Convert.ToHexStringLower(other));
        await HeadlessChromium.ScreenshotAsync(carol, "console-audit-entry");

        await ConsolePage.GoAsync(carol, $"#/contracts/{id}/timeline");
        var timeline = carol.Locator("#timeline");
        await Assertions.Expect(timeline.Locator("li > div > strong")).ToHaveTextAsync(
            ["drafted", "proposed", "approved", "approved", "accepted by every party", "release refused"]);
        await Assertions.Expect(timeline).ToContainTextAsync("policy.measurement");

        // The log grew since the page last saw it: the new head must extend the old one.
        await service.ProposeAsync("A later study", agreed);
        await ConsolePage.GoAsync(carol, "#/audit");
        await Assertions.Expect(carol.Locator("#consistency-status")).ToContainTextAsync("Consistent: the log of");
    }
}
