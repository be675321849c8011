using Microsoft.Playwright;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.BrowserTests;

/// <summary>One real host process (fresh data directory, free ports) with a ward set up, and a browser to look at its console.</summary>
public sealed class ConsoleSite : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private HostProcess? _host;
    private ConsoleBrowser? _browser;
    private Ward? _ward;

    public ConsoleSite()
        : this(null)
    {
    }

    /// <summary>A site whose host runs with extra configuration (e.g. the adjustable test clock).</summary>
    internal ConsoleSite(IReadOnlyDictionary<string, string>? settings) => _settings = settings;

    public HostProcess Host => _host ?? throw new InvalidOperationException("Not started.");

    public Ward Ward => _ward ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        // The host and the browser start independently; overlapping them saves a few seconds of the budget.
        var host = HostProcess.StartAsync(settings: _settings);
        var browser = ConsoleBrowser.LaunchAsync();
        try
        {
            await Task.WhenAll(host, browser);
        }
        catch
        {
            if (host.IsCompletedSuccessfully)
            {
                await host.Result.DisposeAsync();
            }

            if (browser.IsCompletedSuccessfully)
            {
                await browser.Result.DisposeAsync();
            }

            throw;
        }

        _host = host.Result;
        _browser = browser.Result;
        _ward = await Ward.OpenAsync(_host);
    }

    public Task<ConsolePage> OpenConsoleAsync(BrowserNewContextOptions? options = null) =>
        (_browser ?? throw new InvalidOperationException("Not started.")).OpenConsoleAsync(Host.BaseAddress, options);

    /// <summary>A console opened at another address than the host's own, e.g. through a <see cref="TcpProxy"/>.</summary>
    public Task<ConsolePage> OpenConsoleAtAsync(Uri address, BrowserNewContextOptions? options = null) =>
        (_browser ?? throw new InvalidOperationException("Not started.")).OpenConsoleAsync(address, options);

    public async Task DisposeAsync()
    {
        _ward?.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one host: each works with patients of its own, so they do not see each other's rows by name.</summary>
[CollectionDefinition(Name)]
public sealed class SharedConsoleSite : ICollectionFixture<ConsoleSite>
{
    public const string Name = "console site";
}
