using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The queue on a 1366x768 ward screen (no sideways scrolling, in either language) and as a wall display.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class ScreenLayoutTests(ConsoleSite site)
{
    private static BrowserNewContextOptions WardScreen => new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
    };

    [Fact]
    public async Task The_queue_with_a_claimed_alert_fits_1366_pixels_wide_in_Dutch_and_in_English()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-scherm", "Marieke van den Heuvel-Oosterhuis");
        var patient = await site.Ward.EnrolAsync("Johannes Wilhelmus van der Westhuizen-Vanderbijlpark");
        await RaiseAsync(patient, MeasurementMessage.Now(spo2: 88, heartRate: 136, respiratoryRate: 26, feeling: "much-worse"));
        await using var console = await site.OpenConsoleAsync(WardScreen);
        await console.SignInAsync(nurse);
        var row = console.RowOf(patient.Name);
        await row.GetByTestId("alert-claim").ClickAsync();
        await Expect(row.GetByTestId("alert-handover")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("alert-ack")).ToBeVisibleAsync();

        (await HorizontalOverflowAsync(console)).Should().BeLessThanOrEqualTo(0, "nothing may stick out to the right at 1366x768 (Dutch)");

        await console.LanguageToggle.ClickAsync();
        await Expect(row.GetByTestId("alert-handover")).ToHaveTextAsync("Hand over");
        (await HorizontalOverflowAsync(console)).Should().BeLessThanOrEqualTo(0, "nothing may stick out to the right at 1366x768 (English)");
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_wall_display_opened_with_wall_1_shows_the_queue_in_large_type_without_controls()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-wand", "Wanda Scherm");
        var patient = await site.Ward.EnrolAsync("Hendrik Wandbord");
        await RaiseAsync(patient, MeasurementMessage.Now(spo2: 88));
        await using var console = await site.OpenConsoleAsync(WardScreen);
        await console.Page.GotoAsync("/?wall=1");
        await console.SignInAsync(nurse);

        await Expect(console.Page.Locator("body")).ToHaveAttributeAsync("data-wall", "true");
        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync();
        await Expect(console.RowOf(patient.Name).GetByTestId("alert-claim")).ToBeHiddenAsync();
        await Expect(console.Page.GetByTestId("nav-patients")).ToBeHiddenAsync();
        await Expect(console.Page.GetByTestId("logout")).ToBeHiddenAsync();
        await Expect(console.Page.GetByTestId("sound-toggle")).ToBeHiddenAsync();
        await Expect(console.Page.GetByTestId("wall-toggle")).ToBeHiddenAsync();
        await Expect(console.ConnectionState).ToBeVisibleAsync();
        var fontSize = await console.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontSize");
        fontSize.Should().Be("22px");
        (await HorizontalOverflowAsync(console)).Should().BeLessThanOrEqualTo(0);
        var screenshot = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", "console-wall.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, Animations = ScreenshotAnimations.Disabled });

        await console.Page.GotoAsync("/?wall=1#/patients");
        await Expect(console.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/alerts$"));
        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync();
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_wall_toggle_switches_a_console_to_wall_display_and_back_and_is_remembered()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-wand-knop", "Wout Knop");
        await using var console = await site.OpenConsoleAsync(WardScreen);
        await console.SignInAsync(nurse);
        var toggle = console.Page.GetByTestId("wall-toggle");
        await Expect(toggle).ToHaveTextAsync("Wandscherm");

        await toggle.ClickAsync();

        await Expect(console.Page.Locator("body")).ToHaveAttributeAsync("data-wall", "true");
        await Expect(toggle).ToHaveTextAsync("Wandscherm uit");
        await Expect(console.Page.GetByTestId("logout")).ToBeHiddenAsync();
        await console.Page.ReloadAsync();
        await Expect(console.Page.Locator("body")).ToHaveAttributeAsync("data-wall", "true");

        await console.Page.GetByTestId("wall-toggle").ClickAsync();

        await Expect(console.Page.Locator("body")).ToHaveAttributeAsync("data-wall", "false");
        await Expect(console.Page.GetByTestId("logout")).ToBeVisibleAsync();
        console.Errors.Should().BeEmpty();
    }

    /// <summary>How many pixels the page is wider than the viewport (0 or less: no horizontal scrollbar).</summary>
    private static Task<int> HorizontalOverflowAsync(ConsolePage console) =>
        console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    private async Task RaiseAsync(EnrolledPatient patient, MeasurementMessage measurement)
    {
        await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
        await oximeter.MeasureAsync(measurement);
        await site.Ward.OpenAlertOfAsync(patient);
    }
}
