using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Durability;

/// <summary>
/// PROTOCOL.md section 4 through the whole host: the continuous windows are saved with the patient, so a host restart
/// in the middle of a window does not start it cold. 40 s of SpO2 88 before the restart and 30 s after it hold the red
/// window (60 s) only if the first 40 s survived: a cold stream would spend 10 s on warm-up and hold 20 s.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class ContinuousWindowRestartTests : IAsyncLifetime
{
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task A_host_restart_in_the_middle_of_a_red_window_keeps_the_window()
    {
        var first = await StartAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        AdmittedPatient patient;
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
            var (before, last) = Samples(start, 0, 70, s => s < 30 ? 96 : 88);
            (await PublishAsync(first, patient.Device, before)).PubAckReasonCodes.Should().Equal([0]);
            await ward.LastMeasurementIsAsync(patient.PatientId, last, TimeSpan.FromSeconds(60));
            (await ward.AlertsOfAsync(patient.PatientId, "open")).Should().BeEmpty("40 s in the red band is shorter than its window");
        }

        await first.StopAsync();
        var second = await StartAsync(first.DataDirectory, first.Ports);
        using var again = await Ward.OpenAsync(second);
        var (after, _) = Samples(start, 70, 30, _ => 88);
        (await PublishAsync(second, patient.Device, after)).PubAckReasonCodes.Should().Equal([0]);

        var alerts = await Eventually.GetAsync(
            () => again.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(60), "the red alert of the window held across the restart");
        alerts.Should().ContainSingle().Which.Reasons.Should().Contain("spo2-critical");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Newest first: the first host owns (and deletes) the data directory the later one reuses.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].DisposeAsync();
        }
    }

    // A backlog array of 1 Hz samples from second `from` on, and the message id of its last sample.
    private static (string Payload, string Last) Samples(DateTimeOffset start, int from, int count, Func<int, int> spo2)
    {
        var ids = Enumerable.Range(from, count).Select(_ => Measurement.NewMessageId()).ToList();
        var items = Enumerable.Range(from, count).Select((s, i) =>
            $$"""{"messageId":"{{ids[i]}}","measuredAt":"{{start.AddSeconds(s):O}}","spo2":{{spo2(s)}},"heartRate":80,"oxygenFlow":2.0}""");
        return ($"[{string.Join(',', items)}]", ids[^1]);
    }

    private static Task<MosquittoRun> PublishAsync(HostProcess host, BoundDevice device, string payload) =>
        new MosquittoClients(host.MqttPort).PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret, device.MeasurementsTopic, payload);

    private async Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null)
    {
        var host = await HostProcess.StartAsync(dataDirectory, ports);
        _hosts.Add(host);
        return host;
    }
}
