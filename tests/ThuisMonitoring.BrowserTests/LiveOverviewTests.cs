using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The overview is live (issue 14, the read model): the console reads the list once and then follows the hub's
/// patientChanged pushes, so a patient's row changes level without a reload and without polling.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class LiveOverviewTests(ConsoleSite site)
{
    [Fact]
    public async Task A_patients_row_turns_red_when_a_low_spo2_arrives_without_a_reload()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-live-overview", "Ineke de Wit");
        var patient = await site.Ward.EnrolAsync("Jan Visser");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await console.Page.GetByTestId("nav-patients").ClickAsync();
        var row = console.Page.Locator($"[data-testid='patient-row'][data-patient-id='{patient.PatientId}']");
        await Expect(row).ToHaveAttributeAsync("data-level", "green");
        // A marker on the page: a reload would lose it.
        await console.Page.EvaluateAsync("() => { window.__notReloaded = true; }");

        await PatientTrends.MeasureAsync(site.Host, patient, [PatientTrends.Ago(TimeSpan.FromMinutes(1), spo2: 87, heartRate: 104, respiratoryRate: 23)]);

        await Expect(row).ToHaveAttributeAsync("data-level", "red", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync("SpO₂ 87%");
        (await console.Page.EvaluateAsync<bool>("() => window.__notReloaded === true")).Should().BeTrue("the row changed by the push, not by a reload");
        console.Errors.Should().BeEmpty();
    }
}
