using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 11 in the console: the warm handover accepted in a second browser, the end of an episode (the device is
/// refused on reconnect, the patient is findable under "ended", the discharge summary prints), and enrolment.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class CareHandoverTests(ConsoleSite site)
{
    private static StaffAccount Specialist => new(Ward.Clinician, Ward.StaffPassword, "Dr. S. Jansen, longarts");

    [Fact]
    public async Task The_specialist_hands_over_and_the_GP_accepts_in_a_second_browser_after_which_the_specialist_no_longer_sees_the_patient()
    {
        var gp = await site.Ward.AddClinicianAsync("huisarts-bakker", "J. Bakker, huisarts");
        var patient = await site.Ward.EnrolAsync("Wim Jacobs", "06-22223333");
        await PatientTrends.MeasureAsync(site.Host, patient,
            [.. new[] { 30, 20, 10 }.Select(h => PatientTrends.Ago(TimeSpan.FromMinutes(h), 95, 80, 16))]);
        await using var specialistConsole = await site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await using var gpConsole = await site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await ClinicianScreens.SignInAsClinicianAsync(specialistConsole, Specialist);
        await ClinicianScreens.SignInAsClinicianAsync(gpConsole, gp);
        var detail = await ClinicianScreens.OpenPatientAsync(specialistConsole, patient.PatientId);

        await ClinicianScreens.DecideAsync(specialistConsole, detail.GetByTestId("decide-handover"),
            new Dictionary<string, string> { ["to"] = gp.Username, ["note"] = "Stabiel op 2 L/min, graag afbouwen via de praktijk" });

        await gpConsole.Page.GetByTestId("nav-alerts").ClickAsync();
        await gpConsole.Page.GetByTestId("nav-inbox").ClickAsync();
        var handover = gpConsole.Page.GetByTestId("care-handover").Filter(new() { HasText = patient.Name });
        await Expect(handover).ToBeVisibleAsync();
        await Expect(handover.GetByTestId("care-summary")).ToContainTextAsync("nu 2");
        await Expect(handover).ToContainTextAsync("graag afbouwen via de praktijk");
        await handover.GetByTestId("care-handover-note").FillAsync("Neem over, bel morgen");
        await gpConsole.Page.Locator("#care-handovers").ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("care-handover.png") });

        await handover.GetByTestId("care-handover-accept").ClickAsync();

        var gpDetail = gpConsole.Page.GetByTestId("patient-detail");
        await Expect(gpDetail).ToHaveAttributeAsync("data-patient-id", patient.PatientId);
        await Expect(gpDetail.Locator(".patient-header")).ToContainTextAsync("J. Bakker, huisarts");
        using var specialistApi = await site.Host.LoginAsync(Specialist.Username, Specialist.Password);
        (await specialistApi.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the former clinician loses access");
        await specialistConsole.Page.GetByTestId("nav-patients").ClickAsync();
        // By id: another test of this site enrols a namesake.
        var list = specialistConsole.Page.GetByTestId("patient-list");
        await Expect(list.GetByTestId("patient-row").First).ToBeVisibleAsync();
        await Expect(list.Locator($"[data-patient-id='{patient.PatientId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Ending_monitoring_in_the_console_refuses_the_device_on_reconnect_and_keeps_the_patient_findable_with_a_discharge_summary()
    {
        var patient = await site.Ward.EnrolAsync("Truus Mulder");
        await PatientTrends.MeasureAsync(site.Host, patient, [PatientTrends.Ago(TimeSpan.FromMinutes(5), 96, 72, 14, oxygenFlow: 0)]);
        await using var console = await site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await ClinicianScreens.SignInAsClinicianAsync(console, Specialist);
        var detail = await ClinicianScreens.OpenPatientAsync(console, patient.PatientId);
        var before = await MosquittoPubAsync(patient);
        before.ExitCode.Should().Be(0, "the device is bound while monitoring runs: " + before.Output);

        await ClinicianScreens.DecideAsync(console, detail.GetByTestId("decide-end"), new Dictionary<string, string> { ["reason"] = "Hersteld, geen zuurstof meer nodig" });

        await Expect(detail).ToHaveAttributeAsync("data-state", "ended");
        var after = await MosquittoPubAsync(patient);
        after.ExitCode.Should().NotBe(0, "the revoked device is refused on reconnect");
        after.Output.Should().MatchRegex("(?i)not authori[sz]ed|bad user name or password", after.Output);

        await console.Page.GetByTestId("nav-patients").ClickAsync();
        await Expect(console.Page.GetByTestId("patient-list").GetByTestId("patient-row").First).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("patient-list").Locator($"[data-patient-id='{patient.PatientId}']")).ToHaveCountAsync(0);
        await console.Page.GetByTestId("patient-filter").SelectOptionAsync("ended");
        await Expect(console.Page.GetByTestId("patient-list")).ToContainTextAsync(patient.Name);

        await console.Page.EvaluateAsync("id => { location.hash = '#/summary/' + id; }", patient.PatientId);
        var summary = console.Page.GetByTestId("discharge-summary");
        await Expect(summary).ToHaveAttributeAsync("data-state", "ended");
        await Expect(summary).ToContainTextAsync("Hersteld, geen zuurstof meer nodig");
        await console.Page.ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("discharge-summary.png"), FullPage = true });
    }

    [Fact]
    public async Task A_nurse_enrols_a_patient_in_the_console_sees_the_eligibility_before_confirming_and_binds_the_meter_by_serial()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-aanmeld", "Fenna Dijkstra");
        await using var console = await site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await console.SignInAsync(nurse);
        await console.Page.GetByTestId("nav-enrol").ClickAsync();
        var page = console.Page.GetByTestId("enrol");
        var serial = "SAT-" + Guid.NewGuid().ToString("N")[..8];
        await page.GetByTestId("enrol-pathway").SelectOptionAsync("early-discharge");
        await page.GetByTestId("enrol-name").FillAsync("Annie Postma");
        await page.GetByTestId("enrol-birthDate").FillAsync("1948-11-02");
        await page.GetByTestId("enrol-bsn").FillAsync("111222333");
        await page.GetByTestId("enrol-phone").FillAsync("06-44445555");
        await page.GetByTestId("enrol-address").FillAsync("Lindenlaan 4, 2312 AB Leiden");
        await page.GetByTestId("enrol-responsibleClinician").SelectOptionAsync(Ward.Clinician);
        await page.GetByTestId("enrol-oxygenFlow").FillAsync("2");
        await page.GetByTestId("enrol-maxHomeOxygenFlow").FillAsync("4");
        await page.GetByTestId("enrol-concentratorSerial").FillAsync("OC-7781");
        await page.GetByTestId("enrol-meterSerial").FillAsync(serial);
        await page.GetByTestId("enrol-spo2").FillAsync("92");
        await page.GetByTestId("enrol-respiratoryRate").FillAsync("18");
        await page.GetByTestId("enrol-consent").CheckAsync();

        await page.GetByTestId("enrol-check").ClickAsync();

        var eligibility = page.GetByTestId("enrol-eligibility");
        await Expect(eligibility).ToHaveAttributeAsync("data-eligible", "false", new() { Timeout = 10_000 });
        await Expect(eligibility).ToContainTextAsync("aanmelden blijft mogelijk");
        await console.Page.ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("enrolment.png"), FullPage = true });
        await page.GetByTestId("enrol-confirm").ClickAsync();

        var result = page.GetByTestId("enrol-result");
        await Expect(result).ToBeVisibleAsync();
        await Expect(result.GetByTestId("enrol-secret")).Not.ToBeEmptyAsync();
        var patientId = await result.GetAttributeAsync("data-patient-id");
        using var api = await site.Host.LoginAsync();
        var enrolled = await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}");
        enrolled.GetProperty("identifier").GetString().Should().Be("111222333");
        enrolled.GetProperty("address").GetString().Should().Be("Lindenlaan 4, 2312 AB Leiden");
        enrolled.GetProperty("meterSerial").GetString().Should().Be(serial);
        enrolled.GetProperty("concentratorSerial").GetString().Should().Be("OC-7781");
        enrolled.GetProperty("responsibleClinician").GetString().Should().Be(Ward.Clinician);
        enrolled.GetProperty("eligibility").GetProperty("eligible").GetBoolean().Should().BeFalse();
        var devices = await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}");
        devices.GetProperty("state").GetString().Should().Be("monitoring");
        var secret = await result.GetByTestId("enrol-secret").TextContentAsync();
        var published = await MosquittoPubAsync(new EnrolledPatient(patientId!, "Annie Postma", serial, secret!));
        published.ExitCode.Should().Be(0, "the meter was bound by its serial number: " + published.Output);
    }

    [Fact]
    public async Task Enrolment_with_the_patient_app_shows_the_pairing_QR_and_the_phone_pairs_with_it()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-app-aanmeld", "Sanne Bakker");
        await using var console = await site.OpenConsoleAsync(ClinicianScreens.WardScreen);
        await console.SignInAsync(nurse);
        await console.Page.GetByTestId("nav-enrol").ClickAsync();
        var page = console.Page.GetByTestId("enrol");
        await page.GetByTestId("enrol-pathway").SelectOptionAsync("general-practice");
        await page.GetByTestId("enrol-name").FillAsync("Gerrit Smit");
        await page.GetByTestId("enrol-birthDate").FillAsync("1950-03-12");
        await page.GetByTestId("enrol-phone").FillAsync("06-55556666");
        await page.GetByTestId("enrol-responsibleClinician").SelectOptionAsync(Ward.Clinician);
        await page.GetByTestId("enrol-oxygenFlow").FillAsync("1");
        await page.GetByTestId("enrol-deviceKind").SelectOptionAsync("patient-app");
        await page.GetByTestId("enrol-consent").CheckAsync();
        await page.GetByTestId("enrol-check").ClickAsync();
        await page.GetByTestId("enrol-confirm").ClickAsync();

        var sheet = page.GetByTestId("enrol-result").GetByTestId("pairing-sheet");
        await Expect(sheet).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(sheet.GetByRole(AriaRole.Img)).ToBeVisibleAsync();
        await Expect(sheet.GetByTestId("pairing-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$"));
        await console.Page.ScreenshotAsync(new() { Path = ClinicianScreens.Artifact("enrolment-pairing.png"), FullPage = true });
        var pairingUrl = await sheet.GetByTestId("pairing-url").GetAttributeAsync("href");

        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        await new PatientAppPage(phone.Page).PairAsync(pairingUrl!, "Gerrit Smit");
    }

    private async Task<(int ExitCode, string Output)> MosquittoPubAsync(EnrolledPatient patient)
    {
        var start = new ProcessStartInfo("mosquitto_pub") { RedirectStandardOutput = true, RedirectStandardError = true };
        var payload = JsonSerializer.Serialize(new { measuredAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), spo2 = 96, oxygenFlow = 0 });
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", site.Host.MqttPort.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-u", patient.DeviceId, "-P", patient.DeviceSecret,
                     "-t", $"thuismonitoring/v1/devices/{patient.DeviceId}/measurements", "-q", "1", "-m", payload, "-d" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        return (process.ExitCode, await output + await error);
    }
}
