using FluentAssertions;
using ThuisMonitoring.Testing;
using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// The offline backlog: the host stops, the patient makes two entries and reloads the app (served by its service
/// worker), the host starts again on the same data and ports, and both entries arrive, in order, exactly once.
/// </summary>
public sealed class PatientAppOfflineTests
{
    [Fact]
    public async Task Entries_made_while_the_host_is_down_survive_a_reload_and_arrive_exactly_once()
    {
        var first = await HostProcess.StartAsync();
        HostProcess? second = null;
        await using var browser = await ConsoleBrowser.LaunchAsync();
        try
        {
            using var ward = await Ward.OpenAsync(first);
            var patient = await ward.EnrolAsync("Mw. E. Offline-App");
            var pairingUrl = await AppBinding.PairingUrlAsync(first, patient.PatientId);
            await using var phone = await browser.OpenConsoleAsync(first.BaseAddress, PatientAppPage.Phone);
            var app = new PatientAppPage(phone.Page);
            await app.PairAsync(pairingUrl, patient.Name);
            await app.WaitOnlineAsync();

            await first.StopAsync();
            await Expect(phone.Page.GetByTestId("connection")).ToHaveAttributeAsync("data-online", "false", new() { Timeout = 20_000 });
            await app.EnterAsync(spo2: 95, feeling: "same");
            await Expect(app.Feedback).ToContainTextAsync("Nog niet verstuurd");
            await app.HomeAsync();
            await app.EnterAsync(spo2: 94, feeling: "better");
            await app.HomeAsync();
            await Expect(app.Outbox).ToHaveCountAsync(2);

            await phone.Page.ReloadAsync();
            await Expect(app.Outbox).ToHaveCountAsync(2, new() { Timeout = 20_000 });
            await Expect(app.Outbox.First).ToContainTextAsync("nog niet verstuurd");
            await app.ScreenshotAsync("app-offline-backlog.png", toDocs: true);

            second = await HostProcess.StartAsync(dataDirectory: first.DataDirectory, ports: first.Ports);
            await Expect(app.Outbox).ToHaveCountAsync(0, new() { Timeout = 30_000 });

            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (await AppBinding.Spo2CountAsync(second, patient.PatientId) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            (await AppBinding.Spo2CountAsync(second, patient.PatientId)).Should().Be(2, "each entry is stored once, with its own messageId");
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }
}
