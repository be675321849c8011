using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The monitoring console in one browser profile, seen through its data-testid attributes.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly List<string> _requests = [];

    public ConsolePage(IPage page)
    {
        Page = page;
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add($"{request.Method} {new Uri(request.Url).PathAndQuery}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors and console errors the page produced so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Every request the page made so far, as "GET /api/alerts?status=open".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public ILocator AlertList => Page.GetByTestId("alert-list");

    public ILocator Rows => Page.GetByTestId("alert-row");

    public ILocator ConnectionState => Page.GetByTestId("connection-state");

    public ILocator LanguageToggle => Page.GetByTestId("lang-toggle");

    /// <summary>The alert row(s) showing this patient's name.</summary>
    public ILocator RowOf(string patientName) => Rows.Filter(new LocatorFilterOptions { HasText = patientName });

    /// <summary>Signs in through the form and waits until the list is shown and the live connection is up.</summary>
    public async Task SignInAsync(StaffAccount account)
    {
        await Page.GetByTestId("login-username").FillAsync(account.Username);
        await Page.GetByTestId("login-password").FillAsync(account.Password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Expect(AlertList).ToBeAttachedAsync();
        await Expect(Page.Locator("#alerts")).ToBeVisibleAsync();
        await Expect(ConnectionState).ToHaveAttributeAsync("data-state", "connected");
        // The re-read on connecting has finished too, so a test counting requests from here sees none of it.
        await Expect(Page.Locator("#alerts")).ToHaveAttributeAsync("data-sync", "idle");
    }

    /// <summary>Leaves a mark in the current document; it survives only as long as the page is not reloaded.</summary>
    public Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.thuisMonitoringTestMark = true; }");

    public Task<bool> IsSameDocumentAsync() => Page.EvaluateAsync<bool>("() => window.thuisMonitoringTestMark === true");

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
