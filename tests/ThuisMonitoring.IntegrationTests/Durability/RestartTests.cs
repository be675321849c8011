using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Durability;

/// <summary>
/// CONTRACT §2: once the platform acknowledges a QoS 1 measurement it is not lost, even if the host restarts.
/// Each test runs its own host, stops or kills it, and starts a second one on the same data directory.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class RestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HostSequence _hosts = new(output);

    [Fact]
    public async Task After_a_clean_stop_patient_device_alert_and_measurements_are_all_still_there()
    {
        var first = await StartAsync();
        AdmittedPatient patient;
        AlertView alert;
        var messageId = Measurement.NewMessageId();
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
            // Two minutes ago: the measurement after the restart is then a second spot check, not the next second of a stream.
            var run = await PublishAsync(first, patient.Device, Measurement.Json(messageId, spo2: 88, heartRate: 96, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-2)));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            alert = (await Eventually.GetAsync(() => ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert"))[0];
        }

        await first.StopAsync();
        first.HasExited.Should().BeTrue();

        // Same data directory and the same ports: what an operator's restart looks like.
        var second = await StartAsync(first.DataDirectory, first.Ports);
        using var again = await Ward.OpenAsync(second);
        var seen = await again.PatientAsync(patient.PatientId);
        seen.Name.Should().Be(patient.Name);
        seen.ResponsibleClinician.Should().Be(patient.Clinician.Username);
        seen.LastMeasurement.Should().NotBeNull();
        seen.LastMeasurement!.MessageId.Should().Be(messageId);
        seen.LastMeasurement.Spo2.Should().Be(88);
        seen.LastMeasurement.HeartRate.Should().Be(96);
        seen.Level.Should().Be("red");
        (await again.AlertsOfAsync(patient.PatientId, "open")).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(alert, o => o.Excluding(a => a.PatientName));
        (await second.LoginAsync(patient.Clinician.Username, patient.Clinician.Password)).Dispose();

        // The binding survived: the device still signs in with the secret it was given before the restart,
        // and the restored alert book escalates the same alert.
        var next = Measurement.NewMessageId();
        var afterRestart = await PublishAsync(second, patient.Device, Measurement.Json(next, spo2: 87, oxygenFlow: 2.0));
        afterRestart.PubAckReasonCodes.Should().Equal([0], afterRestart.ToString());
        await again.LastMeasurementIsAsync(patient.PatientId, next);
        var escalated = await Eventually.GetAsync(
            () => again.AlertsOfAsync(patient.PatientId, "open"), a => a.Sum(x => x.Count) >= 2, null, "the alert to count the new measurement");
        escalated.Should().ContainSingle().Which.AlertId.Should().Be(alert.AlertId);
    }

    [Fact]
    public async Task Acknowledged_measurements_are_stored_once_across_a_kill_right_after_the_PUBACK()
    {
        var (first, patient, messageIds) = await GreenMeasurementsThenKillAsync();

        var second = await StartAsync(first.DataDirectory, HostPorts.Free());
        (await MeasurementFile.MessageIdsOfAsync(second, patient.Device.DeviceId)).Should().Equal(messageIds);

        // The device did not see its last PUBACK in time and sends again: a duplicate, acknowledged, not stored twice.
        var resent = await PublishAsync(second, patient.Device, Measurement.Json(messageIds[^1], spo2: 94, oxygenFlow: 2.0));
        resent.PubAckReasonCodes.Should().Equal([0], resent.ToString());
        (await MeasurementFile.MessageIdsOfAsync(second, patient.Device.DeviceId)).Should().Equal(messageIds);
    }

    [Fact]
    public async Task The_patients_last_measurement_survives_a_kill_right_after_the_PUBACK()
    {
        var (first, patient, messageIds) = await GreenMeasurementsThenKillAsync();

        var second = await StartAsync(first.DataDirectory, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        var seen = await again.PatientAsync(patient.PatientId);
        seen.LastMeasurement.Should().NotBeNull("the acknowledged measurement must survive the kill");
        seen.LastMeasurement!.MessageId.Should().Be(messageIds[^1]);
        seen.LastMeasurement.Spo2.Should().Be(94);
    }

    [Fact]
    public async Task An_alert_raised_just_before_a_kill_is_still_open_afterwards()
    {
        var first = await StartAsync();
        AdmittedPatient patient;
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
        }

        var messageId = Measurement.NewMessageId();
        var run = await PublishAsync(first, patient.Device, Measurement.Json(messageId, spo2: 86, oxygenFlow: 2.0));
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        first.Kill();

        var second = await StartAsync(first.DataDirectory, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        (await again.AlertsOfAsync(patient.PatientId, "open")).Should()
            .ContainSingle("the measurement was acknowledged, so its evaluation must not be lost").Which.Level.Should().Be("urgent");
        (await again.PatientAsync(patient.PatientId)).LastMeasurement?.MessageId.Should().Be(messageId);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    /// <summary>Three green measurements, each acknowledged (QoS 1), then SIGKILL at once.</summary>
    private async Task<(HostProcess Killed, AdmittedPatient Patient, IReadOnlyList<string> MessageIds)> GreenMeasurementsThenKillAsync()
    {
        var first = await StartAsync();
        AdmittedPatient patient;
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
        }

        var messageIds = new List<string>();
        foreach (var spo2 in new[] { 96, 95, 94 })
        {
            var messageId = Measurement.NewMessageId();
            var run = await PublishAsync(first, patient.Device, Measurement.Json(messageId, spo2: spo2, oxygenFlow: 2.0));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            messageIds.Add(messageId);
        }

        first.Kill();
        first.HasExited.Should().BeTrue();
        return (first, patient, messageIds);
    }

    private static Task<MosquittoRun> PublishAsync(HostProcess host, BoundDevice device, string payload) =>
        new MosquittoClients(host.MqttPort).PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret, device.MeasurementsTopic, payload);

    private Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null) =>
        _hosts.StartAsync(dataDirectory, ports);
}

[CollectionDefinition(Name)]
public sealed class RestartCollection
{
    public const string Name = "restarts";
}
