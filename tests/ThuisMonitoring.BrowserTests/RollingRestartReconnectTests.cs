using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 15 item 4 in a real browser: a console open on host 1 of a two-host cluster on PostgreSQL; host 1 is killed
/// and, while it is down, an alert is raised through host 2; host 1 is started again on the same port (a rolling
/// restart's step). Without a reload the console reconnects by itself, its indicator says so, and it shows the alert
/// raised while it was away.
/// </summary>
public sealed class RollingRestartReconnectTests(ClusterConsoleSite site) : IClassFixture<ClusterConsoleSite>
{
    [Fact]
    public async Task A_console_whose_host_is_restarted_reconnects_by_itself_and_shows_the_alert_raised_while_it_was_away()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-rolling", "Roos Herstart");
        var patient = await site.Ward.EnrolAsync("Gerrit Tussendoor");
        await using var console = await site.OpenConsoleAsync(0);
        await console.SignInAsync(nurse);
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await console.MarkDocumentAsync();

        site.Kill(0);

        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });
        await Expect(console.ConnectionState).ToHaveTextAsync("Verbinding verbroken — opnieuw verbinden…");
        await using (var oximeter = await Oximeter.ConnectAsync(site[1].MqttPort, patient))
        {
            await oximeter.MeasureUntilAcceptedAsync(() => MeasurementMessage.Now(spo2: 88), TimeSpan.FromSeconds(90));
            // Readings refused while the cluster had not yet declared host 1 dead were stored before their grain calls
            // failed; the call that then activates the grain on host 2 evaluates them first, message by message as
            // they arrived (the first one a red spot check), before its own PUBACK.
            try
            {
                await site.Ward.OpenAlertOfAsync(patient, TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message} Host 2 logged:\n{Tail(site[1].Output)}", timeout);
            }
        }

        await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(0);

        await site.StartAsync(0);

        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 90_000 });
        await Expect(console.ConnectionState).ToHaveTextAsync("Verbonden");
        await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(console.RowOf(patient.Name)).ToHaveAttributeAsync("data-level", "urgent");
        (await console.IsSameDocumentAsync()).Should().BeTrue("the console must catch up by itself, not by a reload");
        console.Errors.Where(error => !IsExpectedWhileDown(error)).Should().BeEmpty();
    }

    private static string Tail(string output) => output.Length <= 20_000 ? output : output[^20_000..];

    // Chromium logs the refused connections and the dropped socket of the killed host as console errors; those are the point.
    private static bool IsExpectedWhileDown(string error) =>
        error.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) ||
        error.Contains("ERR_CONNECTION_RESET", StringComparison.Ordinal) ||
        error.Contains("ERR_EMPTY_RESPONSE", StringComparison.Ordinal) ||
        error.Contains("WebSocket", StringComparison.OrdinalIgnoreCase) ||
        error.Contains("Failed to fetch", StringComparison.Ordinal) ||
        error.Contains("Failed to load resource", StringComparison.Ordinal) ||
        error.Contains("Failed to complete negotiation", StringComparison.Ordinal) ||
        error.Contains("Failed to start the connection", StringComparison.Ordinal) ||
        error.Contains("Connection disconnected", StringComparison.Ordinal);
}
