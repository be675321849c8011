using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>CONTRACT §2: a repeated (deviceId, messageId) is a duplicate and is stored and evaluated once.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class DuplicateMessageTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData(MosquittoClients.V5)]
    [InlineData(MosquittoClients.V311)]
    public async Task The_same_messageId_twice_is_evaluated_once(string version)
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();
        var payload = Measurement.Json(messageId, spo2: 88, oxygenFlow: 2.0);

        var first = await shared.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);
        var again = await shared.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);

        first.ExitCode.Should().Be(0, first.ToString());
        again.ExitCode.Should().Be(0, "a duplicate is acknowledged like the original, so the device stops resending: " + again);
        if (version == MosquittoClients.V5)
        {
            again.PubAckReasonCodes.Should().Equal([0], again.ToString());
        }

        var alerts = await Eventually.GetAsync(() => shared.Ward.AlertsOfAsync(patient.PatientId), a => a.Count > 0, null, "the alert");
        alerts.Should().ContainSingle().Which.Count.Should().Be(1, "the repeated message must not be evaluated again");
    }

    [Fact]
    public async Task A_duplicate_is_not_answered_with_feedback_a_second_time()
    {
        var patient = await shared.Ward.AdmitAsync();
        var payload = Measurement.Green(Measurement.NewMessageId());
        using var feedback = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.FeedbackTopic, count: 2, timeoutSeconds: 3);

        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);
        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);

        (await feedback.MessagesAsync()).Should().ContainSingle(feedback.Output);
    }

    [Fact]
    public async Task The_same_messageId_from_two_devices_is_two_measurements()
    {
        var patient = await shared.Ward.AdmitAsync();
        var second = await shared.Ward.BindDeviceAsync(patient.PatientId, "patient-app");
        var messageId = Measurement.NewMessageId();

        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 88, oxygenFlow: 2.0));
        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, second.DeviceId, second.Secret,
            second.MeasurementsTopic, Measurement.Json(messageId, spo2: 87, oxygenFlow: 2.0));

        var alerts = await Eventually.GetAsync(() => shared.Ward.AlertsOfAsync(patient.PatientId), a => a.Sum(x => x.Count) >= 2, null, "both evaluations");
        alerts.Sum(a => a.Count).Should().Be(2);
    }

    public void Dispose() => _log.Dispose();
}
