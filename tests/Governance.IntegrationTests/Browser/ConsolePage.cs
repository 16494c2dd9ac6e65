using Microsoft.Playwright;

namespace Governance.IntegrationTests.Browser;

/// <summary>The steps a person takes in the console, as a browser test drives them.</summary>
internal static class ConsolePage
{
    public static async Task<IPage> OpenAsync(BrowserServiceFixture service, int width = 1280, int height = 800)
    {
        var page = await service.Chromium.NewPageAsync(service.Address, width, height);
        var response = await page.GotoAsync("/console/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        return page;
    }

    /// <summary>Signs in with a key file chosen in the file picker: the page reads it and mints the token itself.</summary>
    public static async Task SignInWithKeyAsync(IPage page, string memberId, string keyFile)
    {
        await page.GetByLabel("Member id").FillAsync(memberId);
        await page.Locator("#key-file").SetInputFilesAsync(keyFile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Signed in as {memberId}");
    }

    public static async Task SignInWithTokenAsync(IPage page, string memberId, string token)
    {
        await page.Locator("#token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Signed in as {memberId}");
    }

    public static async Task GoAsync(IPage page, string hash) =>
        await page.EvaluateAsync("hash => { window.location.hash = hash; }", hash);
}
