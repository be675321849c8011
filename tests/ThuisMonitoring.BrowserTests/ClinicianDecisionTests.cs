using ThuisMonitoring.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The clinician's decisions on screen (issue 11 item 3), on a host with the test clock: a patient stable on 2 L/min
/// for 13 hours gets weaning advice; the clinician accepts it in the console (the prescription drops to 1.5 L/min at
/// once) and then changes the oxygen by hand; each step is confirmed in a dialog and lands in the timeline.
/// </summary>
public sealed class ClinicianDecisionTests(AdjustableClockSite clock) : IClassFixture<AdjustableClockSite>
{
    private ConsoleSite Site => clock.Site;

    [Fact]
    public async Task The_clinician_accepts_weaning_advice_and_changes_the_oxygen_each_confirmed_and_in_the_timeline()
    {
        var patient = await EnrolAsync("Greet Visser");
        var start = await AdvanceClockAsync(0);
        await PatientTrends.MeasureAsync(Site.Host, patient,
        [
            new(start, Guid.NewGuid().ToString("N"), 96, 76, 15, 2.0),
            new(start.AddSeconds(1), Guid.NewGuid().ToString("N"), 97, 74, 14, 2.0),
        ]);
        var later = await AdvanceClockAsync(13 * 60);

        // 13 hours later on the host's clock: one more green value, and the advice rules see 13 h stable on 2 L/min.
        await using (var oximeter = await Oximeter.ConnectAsync(Site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(new(later, Guid.NewGuid().ToString("N"), 96, 75, 15, 2.0));
        }

        await WaitForAdviceAsync(patient.PatientId, "lower-oxygen-flow");
        await using var console = await Site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await ClinicianScreens.SignInAsClinicianAsync(console, new StaffAccount(Ward.Clinician, Ward.StaffPassword, "Dr. S. Jansen, longarts"));
        var detail = await ClinicianScreens.OpenPatientAsync(console, patient.PatientId);
        var advice = detail.Locator("[data-testid='advice'][data-kind='lower-oxygen-flow']");
        await Expect(advice).ToBeVisibleAsync();
        await console.Page.ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("clinician-decisions.png") });

        await ClinicianScreens.DecideAsync(console, advice.GetByTestId("advice-accept"), new Dictionary<string, string> { ["note"] = "Stabiel, afbouwen" });

        await Expect(detail.GetByTestId("advice")).ToHaveCountAsync(0);
        await Expect(detail.Locator(".patient-header")).ToContainTextAsync("1,5");
        (await OxygenFlowAsync(patient.PatientId)).Should().Be(1.5);

        await ClinicianScreens.DecideAsync(console, detail.GetByTestId("decide-oxygen"), new Dictionary<string, string> { ["flow"] = "1" });

        await Expect(detail.Locator(".patient-header")).ToContainTextAsync("1 L/min");
        (await OxygenFlowAsync(patient.PatientId)).Should().Be(1.0);
        await ClinicianScreens.DecideAsync(console, detail.GetByTestId("decide-thresholds"),
            new Dictionary<string, string> { ["maxHomeOxygenFlow"] = "4", ["spo2AtLeast"] = "93", ["reason"] = "COPD: lagere saturatie is haar gewone waarde" });

        var differences = detail.GetByTestId("threshold-difference");
        await Expect(differences.And(console.Page.Locator("[data-field='escalation.maxHomeOxygenFlow']"))).ToContainTextAsync("3 → 4");
        await Expect(differences.And(console.Page.Locator("[data-field='weaning.spo2AtLeast']"))).ToContainTextAsync("94 → 93");
        await console.Page.ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("clinician-thresholds.png") });
        var timeline = detail.GetByTestId("timeline-entry");
        await Expect(timeline.Filter(new() { HasText = "Stabiel, afbouwen" })).ToHaveCountAsync(1);
        using var api = await Site.Host.LoginAsync();
        var entries = await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.PatientId}/timeline");
        entries.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Contain(["advice-decided", "oxygen-changed", "thresholds-changed"]);
        entries.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "oxygen-changed").Should().Be(2);
    }

    [Fact]
    public async Task The_day_10_review_advice_offers_the_handover_to_the_GP()
    {
        var gp = await AddClinicianAsync("huisarts-de-wit", "M. de Wit, huisarts");
        var patient = await EnrolAsync("Kees Brouwer");
        var day10 = await AdvanceClockAsync(10 * 24 * 60 + 5);
        await using (var oximeter = await Oximeter.ConnectAsync(Site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(new(day10, Guid.NewGuid().ToString("N"), 95, 78, 16, 2.0));
        }

        await WaitForAdviceAsync(patient.PatientId, "responsibility-review");
        await using var console = await Site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await ClinicianScreens.SignInAsClinicianAsync(console, new StaffAccount(Ward.Clinician, Ward.StaffPassword, "Dr. S. Jansen, longarts"));
        var detail = await ClinicianScreens.OpenPatientAsync(console, patient.PatientId);
        var review = detail.Locator("[data-testid='advice'][data-kind='responsibility-review']");

        await ClinicianScreens.DecideAsync(console, review.GetByTestId("advice-handover"),
            new Dictionary<string, string> { ["to"] = gp.Username, ["note"] = "Dag 10: graag verder via de huisarts" });

        using var gpApi = await Site.Host.LoginAsync(gp.Username, gp.Password);
        var pending = await gpApi.GetFromJsonAsync<JsonElement>("/api/care-handovers?status=pending");
        pending.EnumerateArray().Should().ContainSingle(h => h.GetProperty("patientId").GetString() == patient.PatientId)
            .Which.GetProperty("note").GetString().Should().Be("Dag 10: graag verder via de huisarts");
    }

    /// <summary>Enrols with a fresh admin login: the ward's own login has expired once the test clock has jumped.</summary>
    private async Task<EnrolledPatient> EnrolAsync(string name)
    {
        using var admin = await Site.Host.LoginAsync();
        using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
        {
            name, birthDate = "1950-02-03", pathway = "early-discharge", responsibleClinician = Ward.Clinician, oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        enrolment.EnsureSuccessStatusCode();
        var patientId = (await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patientId").GetString()!;
        var deviceId = "oximeter-" + Guid.NewGuid().ToString("N")[..12];
        using var binding = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId, kind = "oximeter" });
        binding.EnsureSuccessStatusCode();
        var secret = (await binding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        return new EnrolledPatient(patientId, name, deviceId, secret);
    }

    private async Task<StaffAccount> AddClinicianAsync(string username, string displayName)
    {
        using var admin = await Site.Host.LoginAsync();
        // A GP practice served by the same centre as the hospital: the specialist may pick its GPs (docs/roles.md).
        await RegionSetup.ServesAsync(admin, Ward.Centre, "huisartsenpraktijk-de-wit", "general-practice");
        using var created = await admin.PostAsJsonAsync("/api/users", new { username, password = Ward.StaffPassword, role = "clinician", displayName, organisation = "huisartsenpraktijk-de-wit" });
        created.EnsureSuccessStatusCode();
        return new StaffAccount(username, Ward.StaffPassword, displayName);
    }

    /// <summary>Moves the host's clock forward and answers the host's time.</summary>
    private async Task<DateTimeOffset> AdvanceClockAsync(int minutes)
    {
        using var admin = await Site.Host.LoginAsync();
        using var advanced = await admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = minutes });
        advanced.EnsureSuccessStatusCode();
        return (await advanced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
    }

    private async Task WaitForAdviceAsync(string patientId, string kind)
    {
        using var api = await Site.Host.LoginAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var patient = await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}");
            if (patient.GetProperty("advice").EnumerateArray().Any(a => a.GetProperty("kind").GetString() == kind))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {kind} advice within 20 s: {patient}");
            }

            await Task.Delay(200);
        }
    }

    private async Task<double> OxygenFlowAsync(string patientId)
    {
        using var api = await Site.Host.LoginAsync();
        return (await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}")).GetProperty("oxygenFlow").GetDouble();
    }
}
