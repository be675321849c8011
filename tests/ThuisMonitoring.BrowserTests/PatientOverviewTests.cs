using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The patient overview and detail (issue 5, items 5 and 6): from the header to the overview, riskiest first, found by
/// search, opened to its trend charts drawn by uPlot; and from an alert row straight to the patient.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class PatientOverviewTests(ConsoleSite site)
{
    [Fact]
    public async Task The_overview_lists_the_red_patient_before_the_green_one_and_opens_a_patient_with_an_spo2_chart()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-mulder", "Truus Mulder");
        var green = await site.Ward.EnrolAsync("Kees Smit");
        var red = await site.Ward.EnrolAsync("Greet Bakker");
        await PatientTrends.MeasureAsync(site.Host, green, [PatientTrends.Ago(TimeSpan.FromMinutes(40), spo2: 97, heartRate: 72, respiratoryRate: 15)]);
        await PatientTrends.MeasureAsync(site.Host, red,
        [
            PatientTrends.Ago(TimeSpan.FromHours(3), spo2: 96, heartRate: 80, respiratoryRate: 16),
            PatientTrends.Ago(TimeSpan.FromHours(2), spo2: 94, heartRate: 88, respiratoryRate: 18),
            PatientTrends.Ago(TimeSpan.FromMinutes(5), spo2: 88, heartRate: 104, respiratoryRate: 22),
        ]);
        await site.Ward.OpenAlertOfAsync(red);
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);

        await console.Page.GetByTestId("nav-patients").ClickAsync();

        var rows = console.Page.GetByTestId("patient-row");
        var redRow = rows.Filter(new LocatorFilterOptions { HasText = red.Name });
        await Expect(redRow).ToHaveAttributeAsync("data-level", "red");
        await Expect(rows.Filter(new LocatorFilterOptions { HasText = green.Name })).ToHaveAttributeAsync("data-level", "green");
        var order = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.patientId)");
        Array.IndexOf(order, red.PatientId).Should().BeLessThan(Array.IndexOf(order, green.PatientId), "red patients come before green ones");
        await Expect(redRow).ToContainTextAsync("SpO₂ 88%");
        await Expect(redRow).ToContainTextAsync("2 L/min");
        await Expect(redRow).ToContainTextAsync("dag 1");

        await console.Page.GetByTestId("patient-search").FillAsync("Greet");
        await Expect(rows).ToHaveCountAsync(1);
        await redRow.GetByTestId("patient-open").ClickAsync();

        var detail = console.Page.GetByTestId("patient-detail");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(detail).ToContainTextAsync(red.Name);
        var spo2 = detail.Locator("[data-testid='trend-chart'][data-sign='spo2']");
        await Expect(spo2).ToHaveAttributeAsync("data-state", "drawn");
        await Expect(spo2).ToHaveAttributeAsync("data-points", "3");
        await Expect(spo2.Locator("canvas")).ToHaveCountAsync(1);
        await Expect(detail.GetByTestId("trend-chart")).ToHaveCountAsync(5);
        await Expect(console.Page.Locator("#alerts")).ToBeHiddenAsync();

        await detail.GetByTestId("range-14d").ClickAsync();
        await Expect(detail.GetByTestId("range-14d")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(spo2).ToHaveAttributeAsync("data-state", "drawn");
        await Expect(spo2).ToHaveAttributeAsync("data-points", "3", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_patient_name_in_an_alert_row_opens_that_patients_detail_and_back_leads_to_the_overview()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-van-leeuwen", "Sanne van Leeuwen");
        var patient = await site.Ward.EnrolAsync("Wim Jacobs");
        await PatientTrends.MeasureAsync(site.Host, patient, [PatientTrends.Ago(TimeSpan.FromMinutes(2), spo2: 88, heartRate: 100, respiratoryRate: 21)]);
        await site.Ward.OpenAlertOfAsync(patient);
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);

        await console.RowOf(patient.Name).GetByTestId("alert-patient").ClickAsync();

        var detail = console.Page.GetByTestId("patient-detail");
        await Expect(detail).ToHaveAttributeAsync("data-patient-id", patient.PatientId);
        await Expect(detail.Locator("[data-testid='trend-chart'][data-sign='spo2'] canvas")).ToHaveCountAsync(1);
        await detail.GetByTestId("detail-back").ClickAsync();
        await Expect(console.Page.GetByTestId("patient-row").Filter(new LocatorFilterOptions { HasText = patient.Name })).ToHaveCountAsync(1);
        await console.Page.GetByTestId("nav-alerts").ClickAsync();
        await Expect(console.RowOf(patient.Name)).ToHaveCountAsync(1);
        console.Errors.Should().BeEmpty();
    }
}
