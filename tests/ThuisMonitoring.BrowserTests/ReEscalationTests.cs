using System.Net;
using System.Net.Http.Json;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// An urgent alert nobody claims within 5 minutes is raised again on every console: a banner, a tone and a highlighted
/// row; a console switched to Dienstleider gets a dialog that must be confirmed. Time is moved with the test clock.
/// </summary>
public sealed class ReEscalationTests(AdjustableClockSite clockSite) : IClassFixture<AdjustableClockSite>
{
    private ConsoleSite Site => clockSite.Site;

    [Fact]
    public async Task An_urgent_alert_unclaimed_for_six_minutes_is_re_escalated_on_both_consoles_and_the_shift_lead_must_confirm_it()
    {
        var anna = await Site.Ward.AddNurseAsync("vpk-herhaal-anna", "Anna Visser");
        var bram = await Site.Ward.AddNurseAsync("vpk-herhaal-bram", "Bram Mulder");
        var patient = await Site.Ward.EnrolAsync("Wim Niemandsland");
        await using var annasConsole = await Site.OpenConsoleAsync();
        await using var bramsConsole = await Site.OpenConsoleAsync();
        await annasConsole.SignInAsync(anna);
        await bramsConsole.SignInAsync(bram);
        await bramsConsole.Page.GetByTestId("shift-lead-toggle").ClickAsync();
        await Expect(bramsConsole.Page.GetByTestId("shift-lead-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(bramsConsole.Page.GetByTestId("shift-lead-toggle")).ToHaveTextAsync("Dienstleider: aan");

        await using (var oximeter = await Oximeter.ConnectAsync(Site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        await Expect(annasConsole.RowOf(patient.Name)).ToBeVisibleAsync();
        await Expect(bramsConsole.RowOf(patient.Name)).ToBeVisibleAsync();
        await Expect(annasConsole.Page.GetByTestId("re-escalation-banner")).ToBeHiddenAsync();
        var tonesBefore = await TonesAsync(annasConsole);

        await AdvanceClockAsync(minutes: 6);

        foreach (var console in new[] { annasConsole, bramsConsole })
        {
            var line = console.Page.GetByTestId("re-escalation").Filter(new() { HasText = patient.Name });
            await Expect(console.Page.GetByTestId("re-escalation-banner")).ToBeVisibleAsync();
            await Expect(line).ToContainTextAsync("Niet opgepakt na 6 min");
            await Expect(line).ToContainTextAsync("Saturatie kritisch laag");
            await Expect(console.RowOf(patient.Name)).ToHaveAttributeAsync("data-re-escalated", "true");
            await Expect(console.RowOf(patient.Name).GetByTestId("alert-re-escalated")).ToHaveTextAsync("Opnieuw gemeld (1×)");
        }

        (await TonesAsync(annasConsole)).Should().BeGreaterThan(tonesBefore, "a re-escalation rings on every console");
        await Expect(annasConsole.Page.GetByTestId("sound-toggle")).ToHaveAttributeAsync("data-last-tone", "reEscalated");
        await Expect(annasConsole.Page.GetByTestId("re-escalation-dialog")).ToBeHiddenAsync();

        var dialog = bramsConsole.Page.GetByTestId("re-escalation-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync(patient.Name);
        await bramsConsole.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeVisibleAsync();
        await bramsConsole.Page.GetByTestId("re-escalation-confirm").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await annasConsole.RowOf(patient.Name).GetByTestId("alert-claim").ClickAsync();

        await Expect(annasConsole.Page.GetByTestId("re-escalation-banner")).ToBeHiddenAsync();
        await Expect(bramsConsole.Page.GetByTestId("re-escalation-banner")).ToBeHiddenAsync();
        await Expect(bramsConsole.RowOf(patient.Name)).ToHaveAttributeAsync("data-re-escalated", "false");
        annasConsole.Errors.Should().BeEmpty();
        bramsConsole.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_console_that_signs_in_after_the_re_escalation_still_shows_it()
    {
        var carla = await Site.Ward.AddNurseAsync("vpk-herhaal-carla", "Carla Smit");
        var patient = await Site.Ward.EnrolAsync("Kees Laatkomer");
        await using (var oximeter = await Oximeter.ConnectAsync(Site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 87));
        }

        await WaitForAlertAsync(patient.Name);
        await AdvanceClockAsync(minutes: 6);
        await WaitForReEscalationAsync(patient.Name);

        await using var console = await Site.OpenConsoleAsync();
        await console.SignInAsync(carla);

        var line = console.Page.GetByTestId("re-escalation").Filter(new() { HasText = patient.Name });
        await Expect(line).ToContainTextAsync("Niet opgepakt na");
        await Expect(console.RowOf(patient.Name).GetByTestId("alert-re-escalated")).ToHaveTextAsync("Opnieuw gemeld (1×)");
        console.Errors.Should().BeEmpty();
    }

    private async Task WaitForAlertAsync(string patientName) =>
        await WaitForAsync(alerts => alerts.Any(a => a.PatientName == patientName));

    private async Task WaitForReEscalationAsync(string patientName) =>
        await WaitForAsync(alerts => alerts.Any(a => a.PatientName == patientName && a.ReEscalations > 0));

    private async Task WaitForAsync(Func<IReadOnlyList<AlertSummary>, bool> condition)
    {
        using var admin = await Site.Host.LoginAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var alerts = await admin.GetFromJsonAsync<List<AlertSummary>>("/api/alerts?status=open") ?? [];
            if (condition(alerts))
            {
                return;
            }

            DateTimeOffset.UtcNow.Should().BeBefore(deadline, "the alert should have reached the API");
            await Task.Delay(200);
        }
    }

    private sealed record AlertSummary(string AlertId, string? PatientName, int ReEscalations);

    private static async Task<int> TonesAsync(ConsolePage console) =>
        int.Parse(await console.Page.GetByTestId("sound-toggle").GetAttributeAsync("data-tones") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private async Task AdvanceClockAsync(int minutes)
    {
        using var admin = await Site.Host.LoginAsync();
        using var response = await admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = minutes });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
