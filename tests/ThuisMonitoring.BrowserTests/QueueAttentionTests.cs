using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// A new red alert asks for attention: a tone (unless this console is muted) and the number of unclaimed urgent
/// alerts in the tab title, "(3) ThuisMonitoring — meldingen".
/// </summary>
[Collection(SharedConsoleSite.Name)]
public sealed partial class QueueAttentionTests(ConsoleSite site)
{
    [Fact]
    public async Task A_new_red_alert_rings_and_counts_in_the_title_until_it_is_claimed()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-geluid", "Gerda Geluid");
        var patient = await site.Ward.EnrolAsync("Toon Alarmering");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        var before = await UnclaimedUrgentInTitleAsync(console);
        var tonesBefore = await TonesAsync(console);
        await Expect(console.Page.GetByTestId("sound-toggle")).ToHaveTextAsync("Geluid: aan");

        await RaiseAsync(patient, spo2: 88);

        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(console.Page).ToHaveTitleAsync($"({before + 1}) ThuisMonitoring — meldingen");
        await Expect(console.Page.GetByTestId("sound-toggle")).ToHaveAttributeAsync("data-tones", (tonesBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(console.Page.GetByTestId("sound-toggle")).ToHaveAttributeAsync("data-last-tone", "urgent");

        await console.RowOf(patient.Name).GetByTestId("alert-claim").ClickAsync();

        await Expect(console.RowOf(patient.Name).GetByTestId("alert-claimed-by")).ToBeVisibleAsync();
        (await UnclaimedUrgentInTitleAsync(console)).Should().Be(before);
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_muted_console_stays_muted_after_a_reload_and_plays_no_tone_for_a_new_red_alert()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-stil", "Stijn Stilte");
        var patient = await site.Ward.EnrolAsync("Bep Geruisloos");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        var toggle = console.Page.GetByTestId("sound-toggle");

        await toggle.ClickAsync();

        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(toggle).ToHaveTextAsync("Geluid: uit");
        await console.Page.ReloadAsync();
        await Expect(console.ConnectionState).ToHaveAttributeAsync("data-state", "connected");
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await console.LanguageToggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("Sound: off");

        await RaiseAsync(patient, spo2: 87);

        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(console.Page).ToHaveTitleAsync(TitleBadge());
        (await TonesAsync(console)).Should().Be(0, "a muted console plays no tone");
        console.Errors.Should().BeEmpty();
    }

    private static async Task<int> TonesAsync(ConsolePage console) =>
        int.Parse(await console.Page.GetByTestId("sound-toggle").GetAttributeAsync("data-tones") ?? "0", CultureInfo.InvariantCulture);

    private static async Task<int> UnclaimedUrgentInTitleAsync(ConsolePage console)
    {
        var match = TitleBadge().Match(await console.Page.TitleAsync());
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task RaiseAsync(EnrolledPatient patient, int spo2)
    {
        await using var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient);
        await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: spo2));
    }

    [GeneratedRegex(@"^\((\d+)\) ThuisMonitoring")]
    private static partial Regex TitleBadge();
}
