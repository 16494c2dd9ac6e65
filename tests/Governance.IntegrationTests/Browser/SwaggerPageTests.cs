namespace Governance.IntegrationTests.Browser;

public sealed class SwaggerPageFixture : BrowserServiceFixture
{
    public SwaggerPageFixture() => AddGenesisMember("alice");
}

/// <summary>Swagger UI as a collaborator meets it: in a real browser, from the service's root address.</summary>
public sealed class SwaggerPageTests(SwaggerPageFixture service) : IClassFixture<SwaggerPageFixture>
{
    [Fact]
    public async Task The_root_address_opens_Swagger_UI_with_the_story_ordered_tags()
    {
        var page = await service.Chromium.NewPageAsync(service.Address);
        await page.GotoAsync("/");

        Assert.EndsWith("/swagger/index.html", page.Url, StringComparison.Ordinal);
        var tags = page.Locator(".opblock-tag-section h3 .nostyle span");
        await tags.First.WaitForAsync();
        var names = await tags.AllInnerTextsAsync();
        Assert.Equal(["Members", "Contracts", "Secrets", "Release", "Audit", "Keys"], names.Where(n => n is "Members" or "Contracts" or "Secrets" or "Release" or "Audit" or "Keys"));
        await HeadlessChromium.ScreenshotAsync(page, "swagger-home");
    }
}
