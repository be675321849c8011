using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 13 items 2 and 4 in the console: the protocol replay page (#/replay) compares the shipped protocol with a
/// draft layer as a table and a chart; a continuous alert explains itself in the call panel (rule, protocol version and
/// layer, the window its band held with a mini chart).
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class ReplayAndExplanationTests(ConsoleSite site)
{
    [Fact]
    public async Task An_admin_compares_the_shipped_protocol_with_a_draft_layer_on_the_trace_library()
    {
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(new StaffAccount("admin", HostProcess.AdminPassword, "Beheerder"));

        await console.Page.GetByTestId("nav-replay").ClickAsync();
        var page = console.Page.GetByTestId("replay");
        await Expect(page).ToBeVisibleAsync();
        await page.GetByTestId("replay-run").ClickAsync();

        await Expect(page).ToHaveAttributeAsync("data-state", "loaded", new() { Timeout = 15_000 });
        var table = page.GetByTestId("replay-table");
        await Expect(table.Locator("thead th")).ToHaveCountAsync(3);
        await Expect(table.Locator("thead th").Nth(1)).ToHaveTextAsync("covid-oxygen@1");
        await Expect(table.Locator("thead th").Nth(2)).ToHaveTextAsync("covid-oxygen@1+org:draft-1@1");
        await Expect(table.Locator("tr[data-reason='spo2-critical']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("replay-chart").Locator("canvas")).ToHaveCountAsync(1);
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_continuous_red_alert_shows_its_rule_protocol_and_held_window_in_the_call_panel()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-uitleg", "Sanne Visser");
        var patient = await site.Ward.EnrolAsync("Gerrit Mulder");
        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            // A 1 Hz stream: 30 s at 96, then 88 for 90 s (measured in the last few minutes).
            var start = DateTimeOffset.UtcNow.AddMinutes(-3);
            for (var s = 0; s < 120; s++)
            {
                await oximeter.MeasureAsync(new MeasurementMessage(start.AddSeconds(s), Guid.NewGuid().ToString("N"), s < 30 ? 96 : 88, 84));
            }
        }

        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        var row = console.RowOf(patient.Name);
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await row.GetByTestId("alert-call").ClickAsync();

        var why = console.Page.GetByTestId("call-panel").GetByTestId("alert-explanation");
        await Expect(why).ToBeVisibleAsync();
        await Expect(why).ToContainTextAsync("covid-oxygen@1");
        var hold = why.GetByTestId("alert-hold");
        await Expect(hold).ToHaveAttributeAsync("data-reason", "spo2-critical");
        await Expect(hold).ToContainTextAsync("60 s");
        await Expect(hold.Locator("canvas")).ToHaveCountAsync(1);
    }
}
