using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Durability;

/// <summary>
/// CONTRACT §2: once the platform acknowledges a QoS 1 measurement it is not lost, even if the host restarts.
/// Each test runs its own host and starts a second one on the same data directory.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class RestartTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task After_a_clean_stop_patient_device_alert_and_measurements_are_all_still_there()
    {
        await using var first = await StartAsync();
        AdmittedPatient patient;
        AlertView alert;
        var messageId = Measurement.NewMessageId();
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
            var run = await new MosquittoClients(first.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 88, heartRate: 96, oxygenFlow: 2.0));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            alert = (await Eventually.GetAsync(() => ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert"))[0];
        }

        await first.StopAsync();
        first.HasExited.Should().BeTrue();

        // Same data directory and the same ports: what an operator's restart looks like.
        await using var second = await StartAgainAsync(first, first.Ports);
        using var again = await Ward.OpenAsync(second);
        var seen = await again.PatientAsync(patient.PatientId);
        seen.Name.Should().Be(patient.Name);
        seen.ResponsibleClinician.Should().Be(patient.Clinician.Username);
        seen.LastMeasurement.Should().NotBeNull(second.Output);
        seen.LastMeasurement!.MessageId.Should().Be(messageId);
        seen.LastMeasurement.Spo2.Should().Be(88);
        seen.LastMeasurement.HeartRate.Should().Be(96);
        seen.Level.Should().Be("red");

        var alerts = await again.AlertsOfAsync(patient.PatientId, "open");
        alerts.Should().ContainSingle().Which.Should().BeEquivalentTo(alert, o => o.Excluding(a => a.PatientName));

        (await second.LoginAsync(patient.Clinician.Username, patient.Clinician.Password)).Dispose();

        // The binding survived: the device still signs in with the secret it was given before the restart.
        var next = Measurement.NewMessageId();
        var afterRestart = await new MosquittoClients(second.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(next, spo2: 87, oxygenFlow: 2.0));
        afterRestart.PubAckReasonCodes.Should().Equal([0], afterRestart.ToString());
        await again.LastMeasurementIsAsync(patient.PatientId, next);
        var escalated = await Eventually.GetAsync(() => again.AlertsOfAsync(patient.PatientId, "open"), a => a.Sum(x => x.Count) >= 2, null, "the alert to count the new measurement");
        escalated.Should().ContainSingle().Which.AlertId.Should().Be(alert.AlertId, "the alert book was restored, so the same alert escalates");
    }

    [Fact]
    public async Task An_acknowledged_measurement_survives_a_kill_right_after_the_PUBACK()
    {
        await using var first = await StartAsync();
        AdmittedPatient patient;
        var messageIds = new List<string>();
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
        }

        var mosquitto = new MosquittoClients(first.MqttPort);
        foreach (var spo2 in new[] { 96, 95, 94 })
        {
            var messageId = Measurement.NewMessageId();
            var run = await mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: spo2, oxygenFlow: 2.0));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            messageIds.Add(messageId);
        }

        // No pause: the PUBACK promised durability, so SIGKILL now must not lose the last measurement.
        first.Kill();
        first.HasExited.Should().BeTrue();

        await using var second = await StartAgainAsync(first, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        var seen = await again.PatientAsync(patient.PatientId);
        seen.LastMeasurement.Should().NotBeNull("the acknowledged measurement must survive the kill");
        seen.LastMeasurement!.MessageId.Should().Be(messageIds[^1]);
        seen.LastMeasurement.Spo2.Should().Be(94);

        var resent = await new MosquittoClients(second.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageIds[^1], spo2: 85, oxygenFlow: 2.0));
        resent.PubAckReasonCodes.Should().Equal([0], "a device resending after the crash gets a plain acknowledgement: " + resent);
        (await again.AlertsOfAsync(patient.PatientId)).Should().BeEmpty("the resent messageId is a duplicate and is not evaluated again");
    }

    [Fact]
    public async Task An_alert_raised_just_before_a_kill_is_still_open_afterwards()
    {
        await using var first = await StartAsync();
        AdmittedPatient patient;
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
        }

        var messageId = Measurement.NewMessageId();
        var run = await new MosquittoClients(first.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 86, oxygenFlow: 2.0));
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        first.Kill();

        await using var second = await StartAgainAsync(first, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        var alerts = await again.AlertsOfAsync(patient.PatientId, "open");
        alerts.Should().ContainSingle("the measurement was acknowledged, so its evaluation must not be lost").Which.Level.Should().Be("urgent");
        (await again.PatientAsync(patient.PatientId)).LastMeasurement?.MessageId.Should().Be(messageId);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            HostLog.WriteAll(host, output);
        }
    }

    private Task<HostProcess> StartAgainAsync(HostProcess previous, HostPorts ports) => StartAsync(previous.DataDirectory, ports);

    private async Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null)
    {
        var host = await HostProcess.StartAsync(dataDirectory, ports);
        _hosts.Add(host);
        return host;
    }
}

[CollectionDefinition(Name)]
public sealed class RestartCollection
{
    public const string Name = "restarts";
}
