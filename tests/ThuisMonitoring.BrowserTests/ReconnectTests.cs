using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The network between console and host drops (a TCP relay in between is cut: open connections reset, new ones
/// refused) while alerts are raised over MQTT; when it comes back the console reconnects by itself and shows them all.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class ReconnectTests(ConsoleSite site)
{
    private static readonly string[] RaisedWhileCut = ["Kees Verbroken", "Lies Offline", "Marco Zonderlijn"];

    [Fact]
    public async Task Alerts_raised_while_the_connection_is_cut_are_all_shown_after_it_comes_back()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-reconnect", "Ria Terug");
        var patients = new List<EnrolledPatient>();
        foreach (var name in RaisedWhileCut)
        {
            patients.Add(await site.Ward.EnrolAsync(name));
        }

        await using var proxy = TcpProxy.Start(site.Host.Ports.Http);
        await using var console = await site.OpenConsoleAtAsync(proxy.BaseAddress);
        await console.SignInAsync(nurse);
        await console.MarkDocumentAsync();

        proxy.Cut();

        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 15_000 });
        await Expect(console.ConnectionState).ToHaveTextAsync("Verbinding verbroken — opnieuw verbinden…");
        foreach (var patient in patients)
        {
            await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
            await site.Ward.OpenAlertOfAsync(patient);
        }

        foreach (var patient in patients)
        {
            await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(0);
        }

        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "reconnecting");

        proxy.Restore();

        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        foreach (var patient in patients)
        {
            await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(1);
            await Expect(console.RowOf(patient.Name)).ToHaveAttributeAsync("data-level", "urgent");
        }

        (await console.IsSameDocumentAsync()).Should().BeTrue("the console must catch up by itself, not by a reload");
        console.Errors.Where(error => !IsExpectedWhileCut(error)).Should().BeEmpty();
    }

    // Chromium logs the refused connections and the dropped socket of the cut as console errors; those are the point.
    private static bool IsExpectedWhileCut(string error) =>
        error.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) ||
        error.Contains("ERR_CONNECTION_RESET", StringComparison.Ordinal) ||
        error.Contains("WebSocket", StringComparison.OrdinalIgnoreCase) ||
        error.Contains("Failed to fetch", StringComparison.Ordinal) ||
        error.Contains("Failed to load resource", StringComparison.Ordinal) ||
        error.Contains("Failed to complete negotiation", StringComparison.Ordinal) ||
        error.Contains("Failed to start the connection", StringComparison.Ordinal) ||
        error.Contains("Connection disconnected", StringComparison.Ordinal);
}
