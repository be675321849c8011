namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// A console site whose host runs on the adjustable test clock (POST /api/testing/clock moves every TimeProvider)
/// and looks for unclaimed alerts to re-escalate every second, so a "5 minutes" rule is tested in seconds.
/// </summary>
public sealed class AdjustableClockSite : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Testing:AdjustableClock"] = "true",
        ["Alerts:WatchIntervalSeconds"] = "1",
    };

    public ConsoleSite Site { get; } = new(Settings);

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();
}
