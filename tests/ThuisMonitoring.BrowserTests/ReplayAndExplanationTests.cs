using System.Buffers.Binary;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 13 items 2 and 4 in the console: the protocol replay page (#/replay) compares the current protocol with one
/// draft layer, or with two side by side, as a table and a chart (1366x768, Dutch); a continuous alert explains itself in the call panel (rule, protocol version and
/// layer, the window its band held with a mini chart).
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class ReplayAndExplanationTests(ConsoleSite site)
{
    // The draft of traces/layers/exertion-windows.json: the short windows with the two a walk lives in made longer.
    private const string ExertionWindows = """{"continuous":{"persistence":{"spo2RedSeconds":50,"spo2OrangeSeconds":120,"heartRateSeconds":180,"respiratoryRateSeconds":45}}}""";

    private static readonly BrowserNewContextOptions WardScreen = new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
    };

    [Fact]
    public async Task An_admin_compares_the_current_protocol_with_one_draft_and_then_with_two_side_by_side()
    {
        await using var console = await site.OpenConsoleAsync(WardScreen);
        await console.SignInAsync(new StaffAccount("admin", HostProcess.AdminPassword, "Beheerder"));

        await console.Page.GetByTestId("nav-replay").ClickAsync();
        var page = console.Page.GetByTestId("replay");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Protocoltoets");
        await page.GetByTestId("replay-source").SelectOptionAsync("patient");
        await Expect(page.GetByTestId("replay-subject")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("replay-from")).ToHaveAttributeAsync("type", "date");
        await page.GetByTestId("replay-source").SelectOptionAsync("traces");
        await Expect(page.GetByTestId("replay-subject")).ToHaveCountAsync(0);

        // One draft: the current protocol beside it.
        await page.GetByTestId("replay-layer-2").FillAsync(string.Empty);
        await page.GetByTestId("replay-run").ClickAsync();
        await Expect(page).ToHaveAttributeAsync("data-state", "loaded", new() { Timeout = 30_000 });
        var table = page.GetByTestId("replay-table");
        await Expect(table.Locator("thead th")).ToHaveCountAsync(3);
        await Expect(table.Locator("thead th").Nth(1)).ToHaveAttributeAsync("data-protocol", "covid-oxygen@1");
        await Expect(table.Locator("thead th").Nth(1)).ToContainTextAsync("Huidig");
        await Expect(table.Locator("thead th").Nth(2)).ToHaveAttributeAsync("data-protocol", "covid-oxygen@1+org:draft-1@1");

        // Two drafts side by side: the short windows, and those windows made longer where a walk lives.
        await page.GetByTestId("replay-layer-2").FillAsync(ExertionWindows);
        await page.GetByTestId("replay-run").ClickAsync();
        await Expect(table.Locator("thead th")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Expect(page).ToHaveAttributeAsync("data-state", "loaded");
        await Expect(table.Locator("thead th").Nth(2)).ToContainTextAsync("Concept 1");
        await Expect(table.Locator("thead th").Nth(3)).ToContainTextAsync("Concept 2");
        await Expect(table.Locator("thead th").Nth(3)).ToHaveAttributeAsync("data-protocol", "covid-oxygen@1+org:draft-2@1");
        var spo2 = table.Locator("tr[data-reason='spo2-critical'] td");
        await Expect(spo2.Nth(0)).ToContainTextAsync("· 0 onterecht · 2/2 gevonden");
        await Expect(spo2.Nth(1)).Not.ToContainTextAsync("· 0 onterecht");
        await Expect(spo2.Nth(2)).ToContainTextAsync("· 0 onterecht · 2/2 gevonden");
        await Expect(page.GetByTestId("replay-chart").Locator("canvas")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("replay-chart").Locator(".u-legend .u-series")).ToHaveCountAsync(4);

        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots", "replay-side-by-side.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        var png = await File.ReadAllBytesAsync(path);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(1366);
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
