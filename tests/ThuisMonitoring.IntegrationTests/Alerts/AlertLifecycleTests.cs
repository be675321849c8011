using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Alerts;

/// <summary>
/// From a deteriorating series of measurements over MQTT to an urgent alert in the API and on the console's
/// SignalR hub, and the nurse's acknowledge and resolve steps (CONTRACT §3, api.md).
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class AlertLifecycleTests(SharedHost shared, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HostLog _log = new(shared.Host, output);
    private readonly ConcurrentQueue<AlertView> _pushed = new();
    private HubConnection? _hub;
    private StaffMember? _nurse;

    public async Task InitializeAsync()
    {
        _nurse = await shared.Ward.HireAsync("nurse");
        var token = await shared.Host.GetTokenAsync(_nurse.Username, _nurse.Password);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(shared.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        _hub.On<JsonElement>("alertChanged", alert => _pushed.Enqueue(alert.Deserialize<AlertView>(JsonSerializerOptions.Web)!));
        await _hub.StartAsync();
    }

    [Fact]
    public async Task A_falling_spo2_on_2_litres_raises_an_urgent_alert_that_is_pushed_acknowledged_and_resolved()
    {
        var patient = await shared.Ward.AdmitAsync(oxygenFlow: 2.0);
        // Spot checks five minutes apart (seconds apart they would be the warm-up of a stream: PROTOCOL.md section 4).
        foreach (var (spo2, minutesAgo) in new[] { (95, 15), (93, 10), (91, 5), (88, 0) })
        {
            var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: spo2, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-minutesAgo)));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        }

        var open = await Eventually.GetAsync(
            () => shared.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), null, "an open urgent alert");
        var alert = open.Should().ContainSingle("one alert per patient escalates rather than a new one per measurement").Subject;
        alert.Level.Should().Be("urgent");
        alert.Reasons.Should().Contain("spo2-critical");
        alert.Status.Should().Be("open");
        alert.PatientName.Should().Be(patient.Name);
        (await shared.Ward.PatientAsync(patient.PatientId)).Level.Should().Be("red");
        await PushedAsync(alert.AlertId, a => a.Level == "urgent" && a.Status == "open", "the urgent alert pushed to the console");

        using var nurse = await shared.Ward.SignInAsync(_nurse!);
        using var acknowledge = await nurse.PostAsync($"/api/alerts/{alert.AlertId}/acknowledge", content: null);
        await Ward.ExpectAsync(acknowledge, HttpStatusCode.OK);
        var acknowledged = (await acknowledge.Content.ReadFromJsonAsync<AlertView>())!;
        acknowledged.Status.Should().Be("acknowledged");
        acknowledged.AcknowledgedBy.Should().Be(_nurse!.Username);
        acknowledged.AcknowledgedAt.Should().NotBeNull();
        (await shared.Ward.AlertsOfAsync(patient.PatientId, "open")).Should().BeEmpty();
        (await shared.Ward.AlertsOfAsync(patient.PatientId, "acknowledged")).Should().ContainSingle(a => a.AlertId == alert.AlertId);
        await PushedAsync(alert.AlertId, a => a.Status == "acknowledged", "the acknowledgement pushed to the console");

        using var resolve = await nurse.PostAsJsonAsync($"/api/alerts/{alert.AlertId}/resolve",
            new { outcome = "called-patient", note = "Zuurstof verhoogd naar 3 L/min, huisarts ingelicht." });
        await Ward.ExpectAsync(resolve, HttpStatusCode.OK);
        var resolved = (await resolve.Content.ReadFromJsonAsync<AlertView>())!;
        resolved.Status.Should().Be("resolved");
        resolved.ResolvedBy.Should().Be(_nurse.Username);
        resolved.Outcome.Should().Be("called-patient");
        resolved.Note.Should().Be("Zuurstof verhoogd naar 3 L/min, huisarts ingelicht.");
        (await shared.Ward.AlertsOfAsync(patient.PatientId, "resolved")).Should().ContainSingle(a => a.AlertId == alert.AlertId);
        await PushedAsync(alert.AlertId, a => a.Status == "resolved", "the resolution pushed to the console");
    }

    [Fact]
    public async Task Acknowledging_twice_is_a_conflict_and_resolving_needs_an_outcome()
    {
        var patient = await shared.Ward.AdmitAsync();
        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var alert = (await Eventually.GetAsync(
            () => shared.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert"))[0];

        using var first = await shared.Ward.Admin.PostAsync($"/api/alerts/{alert.AlertId}/acknowledge", content: null);
        using var second = await shared.Ward.Admin.PostAsync($"/api/alerts/{alert.AlertId}/acknowledge", content: null);
        using var withoutOutcome = await shared.Ward.Admin.PostAsJsonAsync($"/api/alerts/{alert.AlertId}/resolve", new { note = "geen uitkomst" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        withoutOutcome.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutOutcome.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain("outcome");
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _log.Dispose();
    }

    private async Task PushedAsync(string alertId, Func<AlertView, bool> matches, string what)
    {
        await Eventually.GetAsync(
            () => Task.FromResult(_pushed.ToArray()),
            pushed => pushed.Any(a => a.AlertId == alertId && matches(a)),
            TimeSpan.FromSeconds(10),
            what);
    }
}
