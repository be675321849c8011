using static Microsoft.Playwright.Assertions;

namespace ThuisMonitoring.BrowserTests;

/// <summary>A nurse watches the queue: an alert raised over MQTT shows up live and is acknowledged from the row.</summary>
[Collection(SharedConsoleSite.Name)]
public sealed class LiveAlertQueueTests(ConsoleSite site)
{
    [Fact]
    public async Task A_red_spo2_measurement_appears_without_reload_and_acknowledging_it_updates_the_row_and_the_api()
    {
        var nurse = await site.Ward.AddNurseAsync("vpk-de-boer", "Anja de Boer");
        var patient = await site.Ward.EnrolAsync("Henk de Vries");
        await using var console = await site.OpenConsoleAsync();
        await console.SignInAsync(nurse);
        await console.MarkDocumentAsync();
        var row = console.RowOf(patient.Name);
        await Expect(row).ToHaveCountAsync(0);
        console.Requests.Should().Contain("GET /api/alerts?status=open", "the list is fetched once at sign-in");
        var requestsBeforeMeasurement = console.Requests.Count;

        await using (var oximeter = await Oximeter.ConnectAsync(site.Host.MqttPort, patient))
        {
            await oximeter.MeasureAsync(MeasurementMessage.Now(spo2: 88));
        }

        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(row).ToHaveAttributeAsync("data-status", "open");
        await Expect(row).ToHaveAttributeAsync("data-level", "urgent");
        await Expect(row).ToContainTextAsync("Saturatie kritisch laag");
        await Expect(row).ToContainTextAsync("SpO₂ 88%");
        console.Requests.Skip(requestsBeforeMeasurement).Should().NotContain(
            request => request.Contains("/api/alerts", StringComparison.Ordinal),
            "the alert is pushed over the hub, not fetched");
        var alertId = await row.GetAttributeAsync("data-alert-id");
        alertId.Should().NotBeNullOrEmpty();

        await row.GetByTestId("alert-ack").ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(row.GetByTestId("alert-ack")).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("Bevestigd");
        (await console.IsSameDocumentAsync()).Should().BeTrue("the alert must arrive over the live connection, not by reloading");

        var alert = (await site.Ward.AlertsAsync()).Should().ContainSingle(a => a.AlertId == alertId).Subject;
        alert.Status.Should().Be("acknowledged");
        alert.PatientId.Should().Be(patient.PatientId);
        alert.Reasons.Should().Contain("spo2-critical");
        alert.AcknowledgedBy.Should().Be(nurse.Username);
        console.Errors.Should().BeEmpty();
    }
}
