using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Reports;

/// <summary>A nonsense bed-day factor (docs/reports.md) stops the host at start with the reason, not a report later.</summary>
public sealed class BedDayFactorSettingsTests
{
    [Theory]
    [InlineData("Reports:BedDaysSaved:early-discharge", "-1")]
    [InlineData("Reports:BedDaysSaved:ward", "2")]
    public async Task A_negative_factor_or_an_unknown_pathway_stops_the_host_at_start(string key, string value)
    {
        var start = () => HostProcess.StartAsync(settings: new Dictionary<string, string> { [key] = value });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Reports:BedDaysSaved");
    }
}
