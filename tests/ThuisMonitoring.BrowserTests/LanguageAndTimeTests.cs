using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The console speaks Dutch unless asked otherwise, and tells time as the ward in Amsterdam reads it.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class LanguageAndTimeTests(ConsoleSite site)
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task The_console_is_Dutch_by_default_even_in_an_English_browser()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-bakker", "Ria Bakker");
        var patient = await RaiseUrgentAlertAsync("Jan Smit");
        await using var console = await site.OpenConsoleAsync(new BrowserNewContextOptions { Locale = "en-GB" });

        await Expect(console.Page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(console.Page.Locator("#login-heading")).ToHaveTextAsync("Inloggen meldkamer");
        await Expect(console.Page.GetByTestId("login-submit")).ToHaveTextAsync("Inloggen");
        await Expect(console.LanguageToggle).ToHaveTextAsync("English");

        await console.SignInAsync(nurse);

        await Expect(console.ConnectionState).ToHaveTextAsync("Verbonden");
        await Expect(console.Page.Locator("th.col-patient")).ToHaveTextAsync("Patiënt");
        var row = console.RowOf(patient.Name);
        await Expect(row).ToContainTextAsync("Saturatie kritisch laag");
        await Expect(row.GetByTestId("alert-ack")).ToHaveTextAsync("Bevestigen");
    }

    [Fact]
    public async Task The_language_toggle_switches_to_English_and_back_to_Dutch()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-el-amrani", "Fatima El Amrani");
        var patient = await RaiseUrgentAlertAsync("Wim Jansen");
        await using var console = await site.OpenConsoleAsync();

        await console.LanguageToggle.ClickAsync();

        await Expect(console.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(console.Page.Locator("#login-heading")).ToHaveTextAsync("Monitoring centre sign-in");
        await Expect(console.Page.GetByTestId("login-submit")).ToHaveTextAsync("Sign in");
        await Expect(console.LanguageToggle).ToHaveTextAsync("Nederlands");

        await console.SignInAsync(nurse);
        await Expect(console.ConnectionState).ToHaveTextAsync("Connected");
        await Expect(console.Page.Locator("th.col-patient")).ToHaveTextAsync("Patient");
        var row = console.RowOf(patient.Name);
        await Expect(row).ToContainTextAsync("Oxygen saturation critically low");
        await Expect(row.GetByTestId("alert-ack")).ToHaveTextAsync("Acknowledge");

        await console.LanguageToggle.ClickAsync();

        await Expect(console.Page.Locator("th.col-patient")).ToHaveTextAsync("Patiënt");
        await Expect(row).ToContainTextAsync("Saturatie kritisch laag");
        await Expect(row.GetByTestId("alert-ack")).ToHaveTextAsync("Bevestigen");
    }

    [Theory]
    [InlineData("America/New_York", "Bep Visser")]
    [InlineData("Asia/Tokyo", "Kees Mulder")]
    [InlineData("UTC", "Els Dijkstra")]
    public async Task Times_are_shown_in_Amsterdam_time_whatever_the_time_zone_of_the_computer(string computerTimeZone, string patientName)
    {
        var nurse = await site.Ward.AddNurseAsync($"vpk-{patientName.Replace(' ', '-').ToLowerInvariant()}", "Nurse " + patientName);
        var patient = await RaiseUrgentAlertAsync(patientName);
        var alert = await site.Ward.OpenAlertOfAsync(patient);
        var raisedInAmsterdam = TimeZoneInfo.ConvertTime(alert.RaisedAt, Amsterdam);
        var raisedOnComputer = TimeZoneInfo.ConvertTime(alert.RaisedAt, TimeZoneInfo.FindSystemTimeZoneById(computerTimeZone));
        await using var console = await site.OpenConsoleAsync(new BrowserNewContextOptions { TimezoneId = computerTimeZone });

        await console.SignInAsync(nurse);

        var row = console.RowOf(patient.Name);
        var clock = await row.Locator(".clock").InnerTextAsync();
        clock.Should().EndWith(raisedInAmsterdam.ToString("HH:mm", CultureInfo.InvariantCulture));
        // Every zone in the table is hours away from Amsterdam all year, so the computer's clock time must not show.
        clock.Should().NotContain(raisedOnComputer.ToString("HH:mm", CultureInfo.InvariantCulture));

        // The tooltip gives the full date and time to the second: "zaterdag 14 juni 2025 om 14:03:27".
        var fullTime = await row.Locator("time[data-age]").GetAttributeAsync("title");
        fullTime.Should().Contain(raisedInAmsterdam.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .And.Contain(raisedInAmsterdam.Year.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<EnrolledPatient> RaiseUrgentAlertAsync(string patientName)
    {
        var patient = await site.Ward.EnrolAsync(patientName);
        await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
        await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 89));
        await site.Ward.OpenAlertOfAsync(patient);
        return patient;
    }
}
