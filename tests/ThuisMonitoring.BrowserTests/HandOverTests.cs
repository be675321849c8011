using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>The nurse who claimed an alert hands it over to a colleague, who sees it as theirs, live.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class HandOverTests(ConsoleSite site)
{
    [Fact]
    public async Task The_claimer_hands_an_alert_over_to_a_colleague_picked_from_the_nurses()
    {
        var anna = await site.Ward.AddNurseAsync("vpk-over-anna", "Anna Overdracht");
        var bram = await site.Ward.AddNurseAsync("vpk-over-bram", "Bram Ontvanger");
        var patient = await site.Ward.EnrolAsync("Dirk Doorgeven");
        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        await using var annasConsole = await site.OpenConsoleAsync();
        await using var bramsConsole = await site.OpenConsoleAsync();
        await annasConsole.SignInAsync(anna);
        await bramsConsole.SignInAsync(bram);
        var annasRow = annasConsole.RowOf(patient.Name);
        var bramsRow = bramsConsole.RowOf(patient.Name);
        await annasRow.GetByTestId("alert-claim").ClickAsync();
        await Expect(bramsRow.GetByTestId("alert-handover")).ToHaveCountAsync(0);

        await annasRow.GetByTestId("alert-handover").ClickAsync();

        var dialog = annasConsole.Page.GetByTestId("handover-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync($"Melding van {patient.Name} overdragen");
        var picker = annasConsole.Page.GetByTestId("handover-to");
        await Expect(picker).ToBeEnabledAsync();
        await Expect(picker.Locator($"option[value='{anna.Username}']")).ToHaveCountAsync(0);
        await picker.SelectOptionAsync(bram.Username);
        await annasConsole.Page.GetByTestId("handover-confirm").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(annasRow.GetByTestId("alert-claimed-by")).ToHaveTextAsync($"opgepakt door {bram.Username}");
        await Expect(annasRow.GetByTestId("alert-handover")).ToHaveCountAsync(0);
        await Expect(bramsRow.GetByTestId("alert-claimed-by")).ToHaveTextAsync("opgepakt door jou");
        await Expect(bramsRow.GetByTestId("alert-handover")).ToBeVisibleAsync();
        annasConsole.Errors.Should().BeEmpty();
        bramsConsole.Errors.Should().BeEmpty();
    }
}
