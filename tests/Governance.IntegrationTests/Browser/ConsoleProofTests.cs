using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Governance.IntegrationTests.Audit;
using Governance.Protocol.Audit;
using Microsoft.Playwright;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// The page's own proof of an entry: it must fail when the stored entry is rewritten, even when whoever rewrote it also
/// rewrote its leaf hash so that the service still serves it.
/// </summary>
public sealed class ConsoleProofTests(ConsoleFixture service) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task An_entry_shows_verified_and_after_its_stored_row_is_rewritten_the_page_shows_the_proof_failing()
    {
        var id = await service.ProposeAsync("Claims triage", RandomNumberGenerator.GetBytes(48));
        using var auditor = service.CreateClient(service.Carol);
        var page = (await auditor.GetFromJsonAsync<AuditEntryPage>($"/audit/entries?contract={id}&action=contract.proposed", AuditJson.Options))!;
        var entry = Assert.Single(page.Entries);

        var carol = await ConsolePage.OpenAsync(service);
        await ConsolePage.SignInWithTokenAsync(carol, "carol", service.Carol.CreateToken());
        await ConsolePage.GoAsync(carol, $"#/audit/{entry.Sequence}");
        await Assertions.Expect(carol.Locator("#proof-verdict")).ToHaveTextAsync("verified");

        var altered = entry with { Outcome = "denied" };
        var leaf = Convert.ToHexString(AuditEntryCanonicalForm.LeafHash(altered));
        await AuditIntegrityTests.TamperAsync(service.ConnectionString, "audit_entries",
            $"UPDATE audit_entries SET outcome = 'denied', leaf_hash = '\\x{leaf}' WHERE sequence = {entry.Sequence}");

        await ConsolePage.GoAsync(carol, "#/audit");
        await ConsolePage.GoAsync(carol, $"#/audit/{entry.Sequence}");
        await Assertions.Expect(carol.Locator("#proof-verdict")).ToContainTextAsync("NOT verified");
        await Assertions.Expect(carol.Locator("#proof")).ToContainTextAsync(new Regex(@"Inclusion proof folded to the root of the tree head of size \d+: NO"));
        await HeadlessChromium.ScreenshotAsync(carol, "console-proof-failing");
    }
}
