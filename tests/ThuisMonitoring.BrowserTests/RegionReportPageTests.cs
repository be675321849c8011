using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 16 item 3: the regional report page (#/reports) at 1366x768 in Dutch: the figures the host reports for the
/// nurse, the charts drawn, the CSV downloaded with the same numbers, and the page in English after the toggle.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class RegionReportPageTests(ConsoleSite site)
{
    private static readonly BrowserNewContextOptions WardScreen = new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
        AcceptDownloads = true,
    };

    [Fact]
    public async Task A_nurse_reads_the_region_s_figures_with_charts_and_downloads_them_as_csv()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-rapport-eva", "Eva Smit");
        using var admin = await site.Host.LoginAsync();
        var patients = new List<EnrolledPatient>();
        foreach (var (name, pathway) in new[]
        {
            ("Henk Visser", "early-discharge"), ("Truus Bakker", "early-discharge"), ("Gerrit Mulder", "general-practice"),
            ("Sanne de Graaf", "general-practice"), ("Ahmed Yilmaz", "emergency-department"),
        })
        {
            patients.Add(await EnrolAsync(admin, name, pathway));
        }

        foreach (var patient in patients.Take(4))
        {
            await PatientTrends.MeasureAsync(site.Host, patient, [PatientTrends.Ago(TimeSpan.FromMinutes(5), 88, heartRate: 104, respiratoryRate: 24)]);
        }

        var called = await site.Ward.OpenAlertOfAsync(patients[0]);
        using (var nurseClient = await site.Host.LoginAsync(nurse.Username, nurse.Password))
        using (var call = await nurseClient.PostAsJsonAsync($"/api/alerts/{called.AlertId}/calls", new { outcome = "resolved-at-home" }))
        {
            call.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await TransitionAsync(admin, patients[1], "ended");
        await TransitionAsync(admin, patients[2], "readmitted");

        await using var console = await site.OpenConsoleAsync(WardScreen);
        await console.SignInAsync(nurse);
        await console.Page.GetByTestId("nav-reports").ClickAsync();
        var page = console.Page.GetByTestId("reports");
        await Expect(page).ToHaveAttributeAsync("data-state", "loaded");
        await Expect(page.Locator("h2")).ToHaveTextAsync("Regiorapportage");

        var from = await page.GetByTestId("reports-from").InputValueAsync();
        var to = await page.GetByTestId("reports-to").InputValueAsync();
        using var nurseApi = await site.Host.LoginAsync(nurse.Username, nurse.Password);
        var report = await nurseApi.GetFromJsonAsync<JsonElement>($"/api/reports/region?from={from}&to={to}");
        var episodes = report.GetProperty("episodes");
        await ExpectFigureAsync(page, "started", episodes.GetProperty("started").GetInt32());
        await ExpectFigureAsync(page, "ended", episodes.GetProperty("ended").GetInt32());
        await ExpectFigureAsync(page, "readmitted", episodes.GetProperty("readmitted").GetInt32());
        await ExpectFigureAsync(page, "raised", report.GetProperty("alerts").GetProperty("raised").GetInt32());
        episodes.GetProperty("started").GetInt32().Should().BeGreaterThanOrEqualTo(5);
        var earlyDischarge = page.Locator("[data-testid=reports-pathways] tr[data-pathway=early-discharge]");
        await Expect(earlyDischarge).ToContainTextAsync("Vroeg ontslag");
        await Expect(earlyDischarge.Locator("td").First).ToHaveTextAsync(
            episodes.GetProperty("byPathway").GetProperty("early-discharge").GetProperty("started").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("reports-pathway-chart").Locator("canvas")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("reports-reason-chart").Locator("canvas")).ToHaveCountAsync(1);

        var screenshot = ClinicianScreens.Artifact("region-report.png");
        await console.Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = false, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });

        var download = await console.Page.RunAndWaitForDownloadAsync(() => page.GetByTestId("reports-csv").ClickAsync());
        download.SuggestedFilename.Should().StartWith("regiorapportage-").And.EndWith(".csv");
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().StartWith("figure,value");
        csv.Should().Contain($"episodes.started,{episodes.GetProperty("started").GetInt32()}")
            .And.Contain($"alerts.raised,{report.GetProperty("alerts").GetProperty("raised").GetInt32()}");

        await console.LanguageToggle.ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Regional report");
        await Expect(page.GetByTestId("reports-started").Locator("dt")).ToHaveTextAsync("Episodes started");
        console.Errors.Should().BeEmpty();
    }

    private static async Task ExpectFigureAsync(ILocator page, string figure, int value) =>
        await Expect(page.GetByTestId($"reports-{figure}").Locator("dd")).ToHaveTextAsync(value.ToString("N0", CultureInfo.GetCultureInfo("nl-NL")));

    private static async Task<EnrolledPatient> EnrolAsync(HttpClient admin, string name, string pathway)
    {
        using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1951-04-20",
            pathway,
            responsibleClinician = Ward.Clinician,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        enrolment.StatusCode.Should().Be(HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetString()!;
        var deviceId = $"oximeter-rapport-{Guid.NewGuid():N}"[..32];
        using var binding = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId, kind = "oximeter" });
        binding.StatusCode.Should().Be(HttpStatusCode.Created);
        var secret = (await binding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        return new EnrolledPatient(patientId, name, deviceId, secret);
    }

    private static async Task TransitionAsync(HttpClient admin, EnrolledPatient patient, string state)
    {
        using var response = await admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state", new { state, reason = "regiorapportage" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
