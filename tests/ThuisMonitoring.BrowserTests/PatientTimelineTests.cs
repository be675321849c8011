using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The patient detail's timeline and notes (issue 5, item 6), and the overview's next measurement and filters (item 5).
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class PatientTimelineTests(ConsoleSite site)
{
    [Fact]
    public async Task A_note_written_on_the_patient_detail_heads_the_timeline_and_is_still_there_after_a_reload()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-notitie", "Ellen Vos");
        var patient = await site.Ward.EnrolAsync("Klaas Dekker");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await console.Page.GotoAsync($"/#/patients/{patient.PatientId}");
        var detail = console.Page.GetByTestId("patient-detail");
        await Expect(detail).ToHaveAttributeAsync("data-patient-id", patient.PatientId);

        await detail.GetByTestId("note-save").ClickAsync();
        await Expect(detail.GetByTestId("note-error")).ToHaveTextAsync("Schrijf eerst een notitie.");

        const string note = "Dochter belt om 16:00 terug over de zuurstofcilinder.";
        await detail.GetByTestId("note-text").FillAsync(note);
        await detail.GetByTestId("note-save").ClickAsync();

        var first = detail.GetByTestId("timeline-entry").First;
        await Expect(first).ToHaveAttributeAsync("data-kind", "note");
        await Expect(first).ToContainTextAsync("Notitie");
        await Expect(first).ToContainTextAsync(note);
        await Expect(first).ToContainTextAsync($"door {nurse.Username}");
        await Expect(detail.GetByTestId("note-text")).ToHaveValueAsync(string.Empty);
        await Expect(detail.GetByTestId("note-error")).ToBeHiddenAsync();

        await console.Page.ReloadAsync();
        var reloaded = console.Page.GetByTestId("patient-detail").Locator("[data-testid='timeline-entry'][data-kind='note']");
        await Expect(reloaded).ToHaveCountAsync(1);
        await Expect(reloaded).ToContainTextAsync(note);
        await console.LanguageToggle.ClickAsync();
        await Expect(console.Page.GetByTestId("patient-detail").GetByTestId("note-save")).ToHaveTextAsync("Save note");
        await Expect(console.Page.GetByTestId("patient-detail").Locator("[data-testid='timeline-entry'][data-kind='note']")).ToContainTextAsync("Note");
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_overview_shows_the_next_measurement_due_and_filters_on_level()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-filter", "Joke Bos");
        var red = await site.Ward.EnrolAsync("Fenna Wolters");
        var green = await site.Ward.EnrolAsync("Gerard Postma");
        await PatientTrends.MeasureAsync(site.Host, green, [PatientTrends.Ago(TimeSpan.FromMinutes(10), spo2: 97, heartRate: 70, respiratoryRate: 14)]);
        await PatientTrends.MeasureAsync(site.Host, red, [PatientTrends.Ago(TimeSpan.FromMinutes(2), spo2: 88, heartRate: 104, respiratoryRate: 22)]);
        await site.Ward.OpenAlertOfAsync(red);
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);

        await console.Page.GetByTestId("nav-patients").ClickAsync();

        var rows = console.Page.GetByTestId("patient-row");
        var greenRow = rows.Filter(new LocatorFilterOptions { HasText = green.Name });
        var redRow = rows.Filter(new LocatorFilterOptions { HasText = red.Name });
        await Expect(greenRow.GetByTestId("patient-next-due")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{2}:\d{2}"));
        await Expect(greenRow.GetByTestId("patient-next-due")).ToHaveAttributeAsync("data-overdue", "false");

        await console.Page.GetByTestId("filter-level").SelectOptionAsync("red");
        await Expect(redRow).ToHaveCountAsync(1);
        await Expect(greenRow).ToHaveCountAsync(0);
        var levels = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.level)");
        levels.Should().OnlyContain(level => level == "red");

        await console.Page.GetByTestId("filter-level").SelectOptionAsync(string.Empty);
        await console.Page.GetByTestId("filter-clinician").SelectOptionAsync(Ward.Clinician);
        await console.Page.GetByTestId("filter-pathway").SelectOptionAsync("early-discharge");
        await Expect(greenRow).ToHaveCountAsync(1);
        await Expect(redRow).ToHaveCountAsync(1);
        // Other tests of this site enrol GP-pathway patients of the same clinician: only this test's rows are known.
        await console.Page.GetByTestId("filter-pathway").SelectOptionAsync("general-practice");
        await Expect(greenRow).ToHaveCountAsync(0);
        await Expect(redRow).ToHaveCountAsync(0);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.textContent)");
        shown.Where(text => !text.Contains("Huisarts", StringComparison.Ordinal)).Should().BeEmpty("the pathway filter leaves only GP-pathway patients");
        console.Errors.Should().BeEmpty();
    }
}
