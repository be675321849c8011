using System.Buffers.Binary;
using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// From alert to call to escalation (issue 5, items 3 and 4): two nurses at two consoles, one claims the alert by
/// opening its call script, walks the script and escalates; the responsible clinician, at a third console, sees the
/// case arrive in the inbox live and takes it over; the patient's timeline holds the call and the escalation.
/// The pictures docs/screenshots/call-script.png and clinician-inbox.png are taken on the way.
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed class CallScriptEscalationTests(ConsoleSite site)
{
    private const string Phone = "06-12345678";
    private const string ClinicianName = "Dr. S. Jansen, longarts";
    private const string Complaint = "Kortademig bij traplopen";
    private const string NurseNote = "SpO2 88% in rust, praat in korte zinnen. Graag beoordeling vandaag.";

    private static readonly BrowserNewContextOptions WardScreen = new()
    {
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        Locale = "nl-NL",
        TimezoneId = "Europe/Amsterdam",
    };

    private static StaffAccount Clinician => new(Ward.Clinician, Ward.StaffPassword, ClinicianName);

    [Fact]
    public async Task A_nurse_walks_the_call_script_and_escalates_and_the_clinician_takes_the_case_over_live()
    {
        var anna = await site.Ward.AddNurseAsync("vpk-bel-anna", "Anna de Boer");
        var bram = await site.Ward.AddNurseAsync("vpk-bel-bram", "Bram Kok");
        var patient = await site.Ward.EnrolAsync("Dirk Hoekstra", Phone);
        // A quiet day before the alert, so the panel's trend shows the drop.
        await PatientTrends.MeasureAsync(site.Host, patient,
            [.. new[] { (20, 96), (16, 96), (12, 95), (8, 95), (4, 94) }.Select(m => PatientTrends.Ago(TimeSpan.FromHours(m.Item1), m.Item2, heartRate: 82, respiratoryRate: 16))]);
        await using var annasConsole = await site.OpenConsoleAsync(WardScreen);
        await using var bramsConsole = await site.OpenConsoleAsync();
        await using var clinicianConsole = await site.OpenConsoleAsync(WardScreen);
        await annasConsole.SignInAsync(anna);
        await bramsConsole.SignInAsync(bram);
        await SignInToInboxAsync(clinicianConsole, Clinician);
        await bramsConsole.MarkDocumentAsync();
        await clinicianConsole.MarkDocumentAsync();

        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88, heartRate: 104, respiratoryRate: 22));
        }

        var annasRow = annasConsole.RowOf(patient.Name);
        var bramsRow = bramsConsole.RowOf(patient.Name);
        await Expect(annasRow).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(bramsRow).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Opening the call script claims the alert: Bram sees it taken, live, and has no way to claim or call it.
        await annasRow.GetByTestId("alert-call").ClickAsync();
        var panel = annasConsole.Page.GetByTestId("call-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("call-phone")).ToHaveTextAsync(Phone);
        await Expect(panel.GetByTestId("call-phone")).ToHaveAttributeAsync("href", "tel:0612345678");
        await Expect(panel.GetByTestId("call-clinician")).ToHaveTextAsync(ClinicianName);
        await Expect(panel.GetByTestId("call-trend")).ToHaveAttributeAsync("data-state", "drawn");
        await Expect(bramsRow.GetByTestId("alert-claimed-by")).ToHaveTextAsync($"opgepakt door {anna.Username}");
        await Expect(bramsRow.GetByTestId("alert-claim")).ToHaveCountAsync(0);
        await Expect(bramsRow.GetByTestId("alert-call")).ToHaveCountAsync(0);
        var alertId = await bramsRow.GetAttributeAsync("data-alert-id");
        using (var bramsApi = await site.Host.LoginAsync(bram.Username, bram.Password))
        using (var claim = await bramsApi.PostAsync($"/api/alerts/{alertId}/claim", content: null))
        {
            claim.StatusCode.Should().Be(HttpStatusCode.Conflict, "a colleague has the alert");
        }

        // Anna walks every step of the script(s) for the alert's reasons and escalates to the responsible clinician.
        var steps = panel.GetByTestId("call-step");
        (await steps.CountAsync()).Should().BeGreaterThan(0, "the protocol has a call script for a low saturation");
        var questions = 0;
        foreach (var step in await steps.AllAsync())
        {
            if (await step.GetAttributeAsync("data-kind") == "check")
            {
                await step.GetByTestId("call-check-ja").CheckAsync();
            }
            else
            {
                await step.GetByTestId("call-answer").FillAsync(questions++ == 0 ? Complaint : "Nee");
            }
        }

        var escalate = panel.Locator("input[data-testid='call-outcome'][value='escalated']");
        await Expect(panel.Locator("label[for='call-outcome-escalated']")).ToHaveTextAsync($"Escaleren naar {ClinicianName}");
        await escalate.CheckAsync();
        await panel.GetByTestId("call-note").FillAsync(NurseNote);
        await ScreenshotAsync(annasConsole, "call-script.png");
        await panel.GetByTestId("call-submit").ClickAsync();

        await Expect(panel).ToBeHiddenAsync();
        await Expect(annasRow.GetByTestId("alert-escalated")).ToHaveTextAsync($"bij behandelaar ({ClinicianName})");
        await Expect(bramsRow.GetByTestId("alert-escalated")).ToHaveTextAsync($"bij behandelaar ({ClinicianName})");

        // The clinician's inbox shows the case without a reload: reasons in Dutch, the nurse's note and answers.
        var item = clinicianConsole.Page.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = patient.Name });
        await Expect(item).ToHaveAttributeAsync("data-status", "pending");
        await Expect(item.GetByTestId("inbox-reasons")).ToContainTextAsync("Saturatie");
        await Expect(item.GetByTestId("inbox-note")).ToHaveTextAsync(NurseNote);
        await Expect(item.GetByTestId("inbox-answers")).ToContainTextAsync(Complaint);
        await Expect(item).ToContainTextAsync(anna.DisplayName);
        (await clinicianConsole.IsSameDocumentAsync()).Should().BeTrue("the escalation must arrive over the live connection");
        await ScreenshotAsync(clinicianConsole, "clinician-inbox.png");

        await item.GetByTestId("inbox-accept-note").FillAsync("Ik bel de patiënt zelf.");
        await item.GetByTestId("inbox-accept").ClickAsync();

        await Expect(item).ToHaveAttributeAsync("data-status", "accepted");
        await Expect(item.GetByTestId("inbox-accepted")).ToContainTextAsync($"Overgenomen door {Ward.Clinician}");
        await Expect(annasRow).ToHaveCountAsync(0);
        await Expect(bramsRow).ToHaveCountAsync(0);
        (await bramsConsole.IsSameDocumentAsync()).Should().BeTrue();

        // Every step is in the patient's timeline, newest first.
        await annasConsole.Page.GotoAsync($"/#/patients/{patient.PatientId}");
        var timeline = annasConsole.Page.GetByTestId("timeline");
        var call = timeline.Locator("[data-testid='timeline-entry'][data-kind='call']");
        await Expect(call).ToHaveCountAsync(1);
        await Expect(call).ToContainTextAsync("Gebeld");
        await Expect(call).ToContainTextAsync("geëscaleerd naar behandelaar");
        await Expect(call).ToContainTextAsync(NurseNote);
        await Expect(timeline.Locator("[data-testid='timeline-entry'][data-kind='escalated']")).ToContainTextAsync("Geëscaleerd");
        await Expect(timeline.Locator("[data-testid='timeline-entry'][data-kind='escalation-accepted']")).ToContainTextAsync("Overgenomen door behandelaar");
        var kinds = await timeline.GetByTestId("timeline-entry").EvaluateAllAsync<string[]>("entries => entries.map(e => e.dataset.kind)");
        Array.IndexOf(kinds, "escalation-accepted").Should().BeLessThan(Array.IndexOf(kinds, "call"), "the newest entry comes first");
        Array.IndexOf(kinds, "call").Should().BeLessThan(Array.IndexOf(kinds, "alert-raised"));

        annasConsole.Errors.Should().BeEmpty();
        bramsConsole.Errors.Should().BeEmpty();
        clinicianConsole.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreachable_patient_goes_back_to_the_queue_with_the_time_to_call_again()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-bel-cor", "Cor Smit");
        var patient = await site.Ward.EnrolAsync("Trijntje Brouwer", Phone);
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        var row = console.RowOf(patient.Name);
        await row.GetByTestId("alert-call").ClickAsync(new() { Timeout = 15_000 });
        var panel = console.Page.GetByTestId("call-panel");
        await Expect(panel.GetByTestId("call-step").First).ToBeVisibleAsync();
        await panel.GetByTestId("call-submit").ClickAsync();
        await Expect(panel.GetByTestId("call-error")).ToHaveTextAsync("Kies de uitkomst van het gesprek.");
        await panel.Locator("input[data-testid='call-outcome'][value='unreachable']").CheckAsync();
        await panel.GetByTestId("call-submit").ClickAsync();

        await Expect(panel).ToBeHiddenAsync();
        await Expect(row.GetByTestId("alert-retry")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^terugbellen om \\d{2}:\\d{2}$"));
        await Expect(row.GetByTestId("alert-claimed-by")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("alert-claim")).ToBeVisibleAsync();
        await console.LanguageToggle.ClickAsync();
        await Expect(row.GetByTestId("alert-retry")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^call back at \\d{2}:\\d{2}$"));
        await Expect(row.GetByTestId("alert-call")).ToHaveTextAsync("Call");
        console.Errors.Should().BeEmpty();
    }

    /// <summary>A clinician lands on the inbox, not on the alert queue.</summary>
    private static async Task SignInToInboxAsync(ConsolePage console, StaffAccount account)
    {
        await console.Page.GetByTestId("login-username").FillAsync(account.Username);
        await console.Page.GetByTestId("login-password").FillAsync(account.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("inbox")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("inbox-list")).ToBeAttachedAsync();
        await Expect(console.Page.GetByTestId("nav-inbox")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");
    }

    private static async Task ScreenshotAsync(ConsolePage console, string file)
    {
        var path = Path.Combine(ThuisMonitoring.Testing.RepositoryRoot.Path, "docs", "screenshots", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await console.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
        var png = await File.ReadAllBytesAsync(path);
        png[..8].Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(1366);
    }
}
