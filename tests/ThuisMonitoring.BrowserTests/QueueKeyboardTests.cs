using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>Working the queue from the keyboard: j/k (or arrows) to move, c to claim, Enter to open, ? for help.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class QueueKeyboardTests(ConsoleSite site)
{
    [Fact]
    public async Task J_and_k_move_the_selection_c_claims_it_and_enter_asks_to_open_it()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-toetsen", "Tineke Toetsenbord");
        var patient = await site.Ward.EnrolAsync("Karel Sneltoets");
        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        await site.Ward.OpenAlertOfAsync(patient);
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        var page = console.Page;
        await Expect(console.RowOf(patient.Name)).ToBeVisibleAsync();
        await page.EvaluateAsync("() => document.addEventListener('alert-open', (e) => { window.openedAlert = e.detail.alertId; })");

        await page.Keyboard.PressAsync("j");
        await Expect(console.Rows.Nth(0)).ToHaveAttributeAsync("data-selected", "true");
        if (await console.Rows.CountAsync() > 1)
        {
            await page.Keyboard.PressAsync("j");
            await Expect(console.Rows.Nth(1)).ToHaveAttributeAsync("data-selected", "true");
            await Expect(console.Rows.Nth(0)).Not.ToHaveAttributeAsync("data-selected", "true");
            await page.Keyboard.PressAsync("ArrowUp");
            await Expect(console.Rows.Nth(0)).ToHaveAttributeAsync("data-selected", "true");
        }

        // Select this patient's row (as a click on the row would), then claim and open it by key.
        var row = console.RowOf(patient.Name);
        await row.Locator("td").First.ClickAsync();
        await page.Keyboard.PressAsync("c");
        await Expect(row.GetByTestId("alert-claimed-by")).ToHaveTextAsync("opgepakt door jou");
        await row.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var alertId = await row.GetAttributeAsync("data-alert-id");
        (await page.EvaluateAsync<string?>("() => window.openedAlert ?? null")).Should().Be(alertId);
        await CloseAnyDialogAsync(console);

        await page.Keyboard.PressAsync("?");
        var help = page.GetByTestId("keys-help");
        await Expect(help).ToBeVisibleAsync();
        await Expect(help).ToContainTextAsync("Volgende melding");
        await page.Keyboard.PressAsync("Escape");
        await Expect(help).ToBeHiddenAsync();
        console.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Shortcuts_do_nothing_while_typing_in_a_field()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-typen", "Tom Typist");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await console.Page.GotoAsync("/#/patients");
        var search = console.Page.GetByTestId("patient-search");

        await search.PressSequentiallyAsync("?jkc");

        await Expect(search).ToHaveValueAsync("?jkc");
        await Expect(console.Page.GetByTestId("keys-help")).ToBeHiddenAsync();
        console.Errors.Should().BeEmpty();
    }

    /// <summary>Enter may open the call-script panel (engineer A's module); close whatever dialog it opened.</summary>
    private static async Task CloseAnyDialogAsync(ConsolePage console)
    {
        for (var attempt = 0; attempt < 3 && await console.Page.Locator("dialog[open]").CountAsync() > 0; attempt++)
        {
            await console.Page.Keyboard.PressAsync("Escape");
        }
    }
}
