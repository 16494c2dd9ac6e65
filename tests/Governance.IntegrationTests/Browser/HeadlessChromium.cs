using Microsoft.Playwright;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// Debian's Chromium driven through Playwright's protocol client. The browser is the machine's own package
/// (installed by .ci/run), so no browser download is ever attempted; GOVERNANCE_CHROMIUM names another binary.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where screenshots go: a folder beside the solution that CI keeps (tests/screenshots).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(SolutionFolder(), "tests", "screenshots");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("GOVERNANCE_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium is not installed at {executable}; .ci/run installs Debian's chromium package.");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // The tests run as root, where Chromium's sandbox cannot start; the pages are the service's own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page in its own context (own storage), 1280×800 unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Writes a full-page screenshot named <paramref name="name"/>.png to <see cref="ScreenshotFolder"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    internal static string SolutionFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Governance.sln")))
            {
                return folder.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
