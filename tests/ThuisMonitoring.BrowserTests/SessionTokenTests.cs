using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OtpNet;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Issue 9 item 4 in the console: short access tokens are renewed with the refresh token (API and hub) so a shift is
/// not interrupted, and a staff member of an organisation that requires TOTP enrols and signs in with a code.
/// </summary>
public sealed class SessionTokenTests(ShortTokenSite shortTokens) : IClassFixture<ShortTokenSite>
{
    private ConsoleSite Site => shortTokens.Site;

    [Fact]
    public async Task The_console_keeps_working_after_its_access_token_expired_and_shows_a_live_alert()
    {
        var nurse = await AddNurseAsync("vpk-verleng", Ward.Centre);
        await using var console = await Site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        var signedIn = Stopwatch.StartNew();

        await WaitUntilAsync(() => signedIn.Elapsed > TimeSpan.FromSeconds(8) && console.Requests.Contains("POST /api/auth/refresh"),
            "the console to renew its 6-second token");
        var patient = await EnrolAsync("Joop Verlengd");
        await using (var oximeter = await Oximeter.ConnectAsync(Site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("login-username")).ToBeHiddenAsync();
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");
        await console.Page.GetByTestId("logout").ClickAsync();
        await Expect(console.Page.GetByTestId("login-username")).ToBeVisibleAsync();
        await WaitUntilAsync(() => console.Requests.Contains("POST /api/auth/logout"), "sign-out to end the login on the server");
    }

    [Fact]
    public async Task A_nurse_of_a_TOTP_organisation_enrols_on_the_login_form_and_then_signs_in_with_a_code()
    {
        var nurse = await AddNurseAsync("vpk-tweefactor", ShortTokenSite.TotpOrganisation);
        await using var console = await Site.OpenConsoleAsync();
        await console.Page.GetByTestId("login-username").FillAsync(nurse.Username);
        await console.Page.GetByTestId("login-password").FillAsync(nurse.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();

        await Expect(console.Page.GetByTestId("login-enrol")).ToBeVisibleAsync();
        await Expect(console.Page.GetByTestId("login-error")).ToHaveTextAsync("Stel eerst de tweede stap in en vul dan de code in.");
        var secret = (await console.Page.GetByTestId("login-enrol-secret").TextContentAsync())!.Replace(" ", string.Empty, StringComparison.Ordinal);
        (await console.Page.GetByTestId("login-enrol-uri").GetAttributeAsync("href")).Should().StartWith("otpauth://totp/");
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        await console.Page.GetByTestId("login-totp").FillAsync(totp.ComputeTotp(DateTime.UtcNow));
        await console.Page.GetByTestId("login-submit").ClickAsync();
        await Expect(console.Page.Locator("#alerts")).ToBeVisibleAsync();

        await console.Page.GetByTestId("logout").ClickAsync();
        await console.Page.GetByTestId("login-username").FillAsync(nurse.Username);
        await console.Page.GetByTestId("login-password").FillAsync(nurse.Password);
        await console.Page.GetByTestId("login-submit").ClickAsync();
        await Expect(console.Page.GetByTestId("login-error")).ToHaveTextAsync("Vul de code van 6 cijfers uit uw authenticator-app in.");
        await Expect(console.Page.GetByTestId("login-enrol")).ToBeHiddenAsync();
        await console.Page.GetByTestId("login-totp").FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await console.Page.GetByTestId("login-submit").ClickAsync();

        await Expect(console.Page.Locator("#alerts")).ToBeVisibleAsync();
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>A nurse created by a fresh admin login: the site's admin token lives only 6 seconds.</summary>
    private async Task<StaffAccount> AddNurseAsync(string username, string? organisation)
    {
        using var admin = await Site.Host.LoginAsync();
        if (organisation is not null)
        {
            await RegionSetup.OrganisationAsync(admin, organisation);
        }

        using var response = await admin.PostAsJsonAsync("/api/users", new { username, password = Ward.StaffPassword, role = "nurse", displayName = "Nina " + username, organisation });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return new StaffAccount(username, Ward.StaffPassword, "Nina " + username);
    }

    private async Task<EnrolledPatient> EnrolAsync(string name)
    {
        using var admin = await Site.Host.LoginAsync();
        using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
        {
            name,
            birthDate = "1952-06-14",
            pathway = "early-discharge",
            responsibleClinician = Ward.Clinician,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        enrolment.StatusCode.Should().Be(HttpStatusCode.Created, await enrolment.Content.ReadAsStringAsync());
        var patientId = (await enrolment.Content.ReadFromJsonAsync<Created>())!.PatientId;
        var deviceId = "oximeter-" + Guid.NewGuid().ToString("N")[..12];
        using var binding = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId, kind = "oximeter" });
        binding.StatusCode.Should().Be(HttpStatusCode.Created, await binding.Content.ReadAsStringAsync());
        var device = (await binding.Content.ReadFromJsonAsync<Bound>())!;
        return new EnrolledPatient(patientId, name, device.DeviceId, device.Secret);
    }

    private sealed record Created(string PatientId);

    private sealed record Bound(string DeviceId, string Secret);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), $"waiting for {what}");
            await Task.Delay(200);
        }
    }
}
