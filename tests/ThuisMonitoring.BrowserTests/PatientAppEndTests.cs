using System.Net.Http.Json;
using FluentAssertions;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The end: monitoring ended, or the app unpaired (consent withdrawn unbinds the devices): the app says so and sends nothing more.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class PatientAppEndTests(ConsoleSite site)
{
    [Fact]
    public async Task When_monitoring_ends_the_app_says_so_and_offers_no_entry()
    {
        var patient = await site.Ward.EnrolAsync("Mw. F. Einde-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);

        using (var admin = await site.Host.LoginAsync())
        using (var ended = await admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state", new { state = "ended", reason = "hersteld" }))
        {
            ended.IsSuccessStatusCode.Should().BeTrue(await ended.Content.ReadAsStringAsync());
        }

        await phone.Page.ReloadAsync();
        await Expect(app.Screen("stopped")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(phone.Page.GetByTestId("stopped-heading")).ToHaveTextAsync("De thuismonitoring is gestopt");
        await Expect(phone.Page.GetByTestId("go-entry")).ToBeHiddenAsync();
        await app.ScreenshotAsync("app-ended.png", toDocs: true);
    }

    [Fact]
    public async Task When_the_device_is_unbound_the_app_says_it_was_unpaired()
    {
        var patient = await site.Ward.EnrolAsync("Dhr. G. Ontkoppeld-App");
        var pairingUrl = await AppBinding.PairingUrlAsync(site.Host, patient.PatientId);
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        var app = new PatientAppPage(phone.Page);
        await app.PairAsync(pairingUrl, patient.Name);
        await app.WaitOnlineAsync();

        using (var admin = await site.Host.LoginAsync())
        using (var withdrawn = await admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/consent/withdraw", new { reason = "wil niet meer meten" }))
        {
            withdrawn.IsSuccessStatusCode.Should().BeTrue(await withdrawn.Content.ReadAsStringAsync());
        }

        await app.EnterAsync(spo2: 95);
        await Expect(app.Screen("stopped")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(phone.Page.GetByTestId("stopped-heading")).ToHaveTextAsync("Deze app is losgekoppeld");

        await phone.Page.ReloadAsync();
        await Expect(phone.Page.GetByTestId("stopped-heading")).ToHaveTextAsync("Deze app is losgekoppeld", new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Koppel_de_app_in_the_console_shows_the_qr_code_and_a_code_that_pairs_the_phone()
    {
        var patient = await site.Ward.EnrolAsync("Mw. H. Koppel-Console");
        var nurse = await site.Ward.AddNurseAsync("vpk-koppel", "Verpleegkundige Koppel");
        await using var console = await site.OpenConsoleAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        await console.SignInAsync(nurse);
        await console.Page.GotoAsync($"/#/patients/{patient.PatientId}");
        await console.Page.GetByTestId("pair-app").ClickAsync();

        var sheet = console.Page.GetByTestId("pairing-sheet");
        await Expect(sheet).ToBeVisibleAsync();
        await Expect(sheet.Locator("svg.qr-code")).ToBeVisibleAsync();
        await Expect(sheet).ToContainTextAsync("bel 112");
        var code = await console.Page.GetByTestId("pairing-code").TextContentAsync();
        code.Should().MatchRegex("^[2-9A-Z]{4}-[2-9A-Z]{4}$");
        await sheet.ScreenshotAsync(new() { Path = Path.Combine(ThuisMonitoring.Testing.RepositoryRoot.Path, "docs", "screenshots", "console-pairing-sheet.png") });

        // The patient types the code on the phone.
        await using var phone = await site.OpenConsoleAsync(PatientAppPage.Phone);
        await phone.Page.GotoAsync("/app/");
        await phone.Page.GetByLabel("Koppelcode").FillAsync(code!);
        await phone.Page.GetByTestId("pair-submit").ClickAsync();
        await Expect(phone.Page.GetByTestId("patient-name")).ToHaveTextAsync(patient.Name, new() { Timeout = 20_000 });
    }
}
