using System.Net.Http.Json;
using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The patient app on a phone against the real host: pairing, feedback, the nurse's console, Bel mij, the exertion test, accessibility.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class PatientAppTests(ConsoleSite site)
{
    [Fact]
    public async Task Pairing_through_the_url_greets_the_patient_and_a_red_entry_shows_red_feedback_and_the_nurses_alert()
    {
        var patient = await site.Ward.EnrolAsync("Mw. A. Rood-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var app = new PatientAppPage(phone.Page);

        await app.PairAsync(pairingUrl, patient.Name);
        new Uri(phone.Page.Url).Fragment.Should().BeEmpty("the one-time code does not stay in the address bar");
        await app.WaitOnlineAsync();
        await app.ScreenshotAsync("app-home.png", toDocs: true);

        await app.EnterAsync(spo2: 88, heartRate: 112, respiratoryRate: 26, feeling: "worse");
        await Expect(app.Feedback).ToHaveAttributeAsync("data-level", "red", new() { Timeout = 20_000 });
        await Expect(app.Feedback).ToContainTextAsync("112");
        await Expect(app.Feedback).ToContainTextAsync("belt u nu direct");
        await app.ScreenshotAsync("app-feedback-red.png", toDocs: true);

        var nurse = await site.Ward.AddNurseAsync("vpk-app-rood", "Verpleegkundige App");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Bel_mij_raises_an_orange_call_requested_alert_with_the_note()
    {
        var patient = await site.Ward.EnrolAsync("Dhr. B. Belmij-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);

        await phone.Page.GetByTestId("go-call").ClickAsync();
        await phone.Page.GetByLabel("Waarover wilt u bellen?").FillAsync("Ik word benauwder bij het praten");
        await phone.Page.GetByTestId("call-submit").ClickAsync();
        await Expect(phone.Page.GetByTestId("call-result")).ToContainTextAsync("belt u binnen");
        await app.ScreenshotAsync("app-call.png", toDocs: true);

        var alert = await site.Ward.OpenAlertOfAsync(patient);
        alert.Level.Should().Be("warning");
        alert.Reasons.Should().Contain("call-requested");

        var nurse = await site.Ward.AddNurseAsync("vpk-app-bel", "Verpleegkundige Bel");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await Expect(console.RowOf(patient.Name)).ToContainTextAsync("Patiënt vraagt om terugbellen", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task The_sit_to_stand_test_is_offered_after_a_green_measurement_at_rest_counts_a_minute_and_sends_exertion_true()
    {
        var patient = await site.Ward.EnrolAsync("Mw. C. Inspanning-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);
        await app.WaitOnlineAsync();
        var exertionButton = phone.Page.GetByTestId("go-exertion");
        await Expect(exertionButton).ToBeHiddenAsync();

        // The shipped protocol asks for the test after a green measurement at rest (exertionTest.afterGreenAtRest).
        await app.EnterAsync(spo2: 96, heartRate: 80, respiratoryRate: 16);
        await Expect(app.Feedback).ToHaveAttributeAsync("data-level", "green", new() { Timeout = 20_000 });
        await app.HomeAsync();
        await Expect(exertionButton).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await app.ScreenshotAsync("app-exertion-offered.png", toDocs: true);

        await phone.Page.Clock.InstallAsync();
        await exertionButton.ClickAsync();
        await phone.Page.GetByTestId("exertion-start").ClickAsync();
        await Expect(phone.Page.GetByTestId("exertion-spo2")).ToBeHiddenAsync();
        await phone.Page.Clock.RunForAsync(30_000);
        await Expect(phone.Page.GetByTestId("exertion-timer")).ToHaveTextAsync("0:30");
        await Expect(phone.Page.GetByTestId("exertion-spo2")).ToBeHiddenAsync();
        await phone.Page.Clock.RunForAsync(31_000);
        await phone.Page.GetByTestId("exertion-spo2").FillAsync("93");
        await phone.Page.GetByTestId("exertion-heart-rate").FillAsync("104");
        await phone.Page.GetByTestId("exertion-submit").ClickAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = await AppBinding.PatientAsync(site.Host, patient.PatientId);
            if (view.TryGetProperty("lastMeasurement", out var last) && last.ValueKind == System.Text.Json.JsonValueKind.Object
                && last.GetProperty("exertion").ValueKind == System.Text.Json.JsonValueKind.True)
            {
                last.GetProperty("spo2").GetInt32().Should().Be(93);
                break;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the exertion measurement arrives");
            await Task.Delay(200);
        }

        await Expect(app.Feedback).ToHaveAttributeAsync("data-level", new System.Text.RegularExpressions.Regex("green|orange|red"), new() { Timeout = 20_000 });
        await app.HomeAsync();
        await Expect(exertionButton).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Where_the_protocol_does_not_ask_for_it_the_sit_to_stand_test_is_not_offered()
    {
        var patient = await site.Ward.EnrolAsync("Dhr. E. Geen-Inspanning-App");
        using (var admin = await site.Host.LoginAsync())
        {
            using var layer = await admin.PutAsJsonAsync($"/api/patients/{patient.PatientId}/protocol", new { exertionTest = new { pathways = Array.Empty<string>() } });
            layer.IsSuccessStatusCode.Should().BeTrue(await layer.Content.ReadAsStringAsync());
        }

        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var answers = new System.Collections.Concurrent.ConcurrentQueue<Task<System.Text.Json.JsonElement?>>();
        phone.Page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/me", StringComparison.Ordinal) && response.Status == 200)
            {
                answers.Enqueue(response.JsonAsync());
            }
        };
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);
        await app.WaitOnlineAsync();

        await app.EnterAsync(spo2: 96, heartRate: 80, respiratoryRate: 16);
        await Expect(app.Feedback).ToHaveAttributeAsync("data-level", "green", new() { Timeout = 20_000 });
        await app.HomeAsync();

        // The app asks the platform again after the feedback; wait for the answer that knows this measurement.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        System.Text.Json.JsonElement? afterEntry = null;
        while (afterEntry is null)
        {
            foreach (var answer in answers.ToArray().Where(a => a.IsCompletedSuccessfully))
            {
                if (await answer is { } me && me.GetProperty("lastMeasurement").ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    afterEntry = me;
                }
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the app reads /api/me after the feedback");
            await Task.Delay(100);
        }

        afterEntry.Value.GetProperty("exertionTestAsked").GetBoolean().Should().BeFalse("this patient's protocol asks for no exertion test");
        await Expect(app.Screen("home")).ToBeVisibleAsync();
        await Expect(phone.Page.GetByTestId("go-exertion")).ToBeHiddenAsync();
        await Expect(phone.Page.GetByTestId("go-entry")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_screen_has_no_serious_or_critical_accessibility_violation()
    {
        var patient = await site.Ward.EnrolAsync("Mw. D. Toegankelijk-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.PhoneForAxe);
        var page = phone.Page;
        var app = new PatientAppPage(page);
        var violations = new List<string>();

        await page.GotoAsync("/app/");
        await Expect(app.Screen("pair")).ToBeVisibleAsync();
        violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => "pair: " + v));

        await app.PairAsync(pairingUrl, patient.Name);
        await app.WaitOnlineAsync();
        violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => "home: " + v));

        await page.GetByTestId("go-entry").ClickAsync();
        await page.GetByTestId("spo2").FillAsync("120");
        await page.GetByTestId("entry-submit").ClickAsync();
        await Expect(page.GetByTestId("entry-errors")).ToBeVisibleAsync();
        await app.ScreenshotAsync("app-entry-error.png", toDocs: true);
        violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => "entry: " + v));
        await page.GetByTestId("spo2").FillAsync("96");
        await page.GetByTestId("entry-submit").ClickAsync();
        await Expect(app.Feedback).ToHaveAttributeAsync("data-level", "green", new() { Timeout = 20_000 });
        violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => "feedback: " + v));
        await app.HomeAsync();
        await Expect(page.GetByTestId("go-exertion")).ToBeVisibleAsync(new() { Timeout = 20_000 }); // asked after a green measurement at rest

        foreach (var screen in new[] { "exertion", "call", "mydata" })
        {
            await page.GetByTestId($"go-{screen}").ClickAsync();
            await Expect(app.Screen(screen)).ToBeVisibleAsync();
            if (screen == "mydata")
            {
                await Expect(page.GetByTestId("access-log").Locator("tbody tr").First).ToBeVisibleAsync();
                await Expect(page.GetByTestId("mydata-values")).ToContainTextAsync("96 %", new() { Timeout = 10_000 });
                await Expect(page.GetByTestId("access-log")).ToContainTextAsync("uw gegevens en episode");
                await app.ScreenshotAsync("app-mydata.png", toDocs: true);
            }

            violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => $"{screen}: " + v));
            await page.Locator($"#screen-{screen} [data-go=home]").ClickAsync();
        }

        await page.GetByTestId("language-toggle").ClickAsync();
        await Expect(page.GetByTestId("go-entry")).ToHaveTextAsync("Enter a measurement");
        violations.AddRange((await app.AccessibilityViolationsAsync()).Select(v => "home (English): " + v));

        violations.Should().BeEmpty();
    }
}

/// <summary>Reminders: the next measurement due from the schedule; when it is due, a notification (with permission) and a banner.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class PatientAppReminderTests(ConsoleSite site)
{
    [Fact]
    public async Task When_a_measurement_is_due_the_service_worker_notifies_and_the_app_shows_a_banner()
    {
        var patient = await site.Ward.EnrolAsync("Mw. I. Herinnering-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        var due = (await AppBinding.PatientAsync(site.Host, patient.PatientId)).GetProperty("nextMeasurementDue").GetDateTimeOffset();
        var options = PatientAppPage.Phone;
        await using var phone = await site.OpenConsoleAsync(new Microsoft.Playwright.BrowserNewContextOptions
        {
            ViewportSize = options.ViewportSize,
            IsMobile = true,
            HasTouch = true,
            ServiceWorkers = Microsoft.Playwright.ServiceWorkerPolicy.Allow,
            Permissions = ["notifications"],
        });
        await phone.Page.Clock.InstallAsync();
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);
        await Expect(phone.Page.GetByTestId("next-due")).Not.ToHaveTextAsync("—");
        await Expect(phone.Page.GetByTestId("reminder-banner")).ToBeHiddenAsync();

        await phone.Page.Clock.FastForwardAsync((long)(due - DateTimeOffset.UtcNow).TotalMilliseconds + 1_000);

        await Expect(phone.Page.GetByTestId("reminder-banner")).ToHaveTextAsync("Het is tijd om te meten.");
        // The banner is set first; the notification follows once the service worker has shown it.
        string[] titles = [];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!titles.Contains("Tijd om te meten") && DateTime.UtcNow < deadline)
        {
            titles = await phone.Page.EvaluateAsync<string[]>(
                "() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.map(x => x.title))");
            await Task.Delay(100);
        }

        titles.Should().Contain("Tijd om te meten");
    }
}
