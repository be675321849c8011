using Microsoft.Playwright;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, from <c>apt-get install chromium</c>), headless, driven by the Playwright
/// driver that ships inside the NuGet package (<c>.playwright/</c> in the output folder). Nothing is downloaded:
/// there is no <c>playwright install</c>, and the switches keep the browser from calling home.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Switches =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. The browser tests drive Debian's Chromium: run `apt-get install -y chromium`.");
        }

        // The driver must never fetch a browser of its own; the machine has none to fetch from.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        // Expectations wait on the page as long as actions do: on a loaded 2-core CI machine a list re-read can take
        // longer than Playwright's default of 5 s. A met expectation still returns the moment it is met.
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Switches,
                Timeout = 30_000,
            });
            return new ConsoleBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh profile (no session, no language choice) with the console of the given host open on its sign-in form.</summary>
    public async Task<ConsolePage> OpenConsoleAsync(Uri host, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = host.ToString();
        var context = await _browser.NewContextAsync(options);
        // Bounded waits keep a broken page from eating the suite's time budget.
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(page);
        await page.GotoAsync("/");
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
