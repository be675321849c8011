using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>Two nurses at two consoles: when one claims an alert the other sees it taken, live, and cannot claim it.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class AlertClaimTests(ConsoleSite site)
{
    [Fact]
    public async Task A_claim_by_one_nurse_shows_live_on_the_other_console_without_a_claim_button()
    {
        var anna = await site.Ward.AddNurseAsync("vpk-claim-anna", "Anna Visser");
        var bram = await site.Ward.AddNurseAsync("vpk-claim-bram", "Bram Mulder");
        var patient = await site.Ward.EnrolAsync("Greet Oppenhuizen");
        await using var annasConsole = await site.OpenConsoleAsync();
        await using var bramsConsole = await site.OpenConsoleAsync();
        await annasConsole.SignInAsync(anna);
        await bramsConsole.SignInAsync(bram);
        await bramsConsole.MarkDocumentAsync();

        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        var annasRow = annasConsole.RowOf(patient.Name);
        var bramsRow = bramsConsole.RowOf(patient.Name);
        await Expect(annasRow).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(bramsRow).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(bramsRow.GetByTestId("alert-claim")).ToHaveTextAsync("Oppakken");

        await annasRow.GetByTestId("alert-claim").ClickAsync();

        await Expect(annasRow.GetByTestId("alert-claimed-by")).ToHaveTextAsync("opgepakt door jou");
        await Expect(annasRow.GetByTestId("alert-unclaim")).ToHaveTextAsync("Loslaten");
        await Expect(annasRow.GetByTestId("alert-claim")).ToHaveCountAsync(0);
        await Expect(bramsRow.GetByTestId("alert-claimed-by")).ToHaveTextAsync($"opgepakt door {anna.Username}");
        await Expect(bramsRow.GetByTestId("alert-claim")).ToHaveCountAsync(0);
        await Expect(bramsRow.GetByTestId("alert-unclaim")).ToHaveCountAsync(0);
        await Expect(bramsRow.GetByTestId("alert-ack")).ToHaveCountAsync(0);
        (await bramsConsole.IsSameDocumentAsync()).Should().BeTrue("the claim must arrive over the live connection, not by reloading");
        var alertId = await annasRow.GetAttributeAsync("data-alert-id");
        (await site.Ward.AlertsAsync()).Should().ContainSingle(a => a.AlertId == alertId).Which.Status.Should().Be("open");

        await annasRow.GetByTestId("alert-unclaim").ClickAsync();

        await Expect(bramsRow.GetByTestId("alert-claim")).ToBeVisibleAsync();
        await Expect(bramsRow.GetByTestId("alert-claimed-by")).ToHaveCountAsync(0);
        await Expect(annasRow.GetByTestId("alert-claim")).ToBeVisibleAsync();
        annasConsole.Errors.Should().BeEmpty();
        bramsConsole.Errors.Should().BeEmpty();
    }
}
