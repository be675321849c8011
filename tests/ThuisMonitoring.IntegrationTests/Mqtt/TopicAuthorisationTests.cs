using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>CONTRACT §2: a device may publish only under its own deviceId (MQTT 5: PUBACK 0x87 Not authorized) and reads only its own topics.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class TopicAuthorisationTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private const int NotAuthorized = 0x87;

    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData("measurements")]
    [InlineData("status")]
    [InlineData("feedback")]
    public async Task Publishing_under_another_devices_id_is_refused_with_0x87(string kind)
    {
        var intruder = await shared.Ward.AdmitAsync();
        var victim = await shared.Ward.AdmitAsync();

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, intruder.Device.DeviceId, intruder.Device.Secret,
            $"thuismonitoring/v1/devices/{victim.Device.DeviceId}/{kind}", Measurement.Json(Measurement.NewMessageId(), spo2: 85, oxygenFlow: 2.0));

        run.PubAckReasonCodes.Should().Equal([NotAuthorized], run.ToString());
        run.StandardError.Should().ContainEquivalentOf("not authorized");
        (await shared.Ward.PatientAsync(victim.PatientId)).LastMeasurement.Should().BeNull();
        (await shared.Ward.PatientAsync(intruder.PatientId)).LastMeasurement.Should().BeNull();
        (await shared.Ward.AlertsOfAsync(victim.PatientId)).Should().BeEmpty();
        _log.SinceStart.Should().Contain(victim.Device.DeviceId, "a refused publish is logged");
    }

    [Theory]
    [InlineData("hospital/alerts")]
    [InlineData("thuismonitoring/v1/devices")]
    [InlineData("thuismonitoring/v2/devices/{own}/measurements")]
    public async Task Publishing_outside_the_devices_own_topics_is_refused_with_0x87(string topic)
    {
        var patient = await shared.Ward.AdmitAsync();

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            topic.Replace("{own}", patient.Device.DeviceId, StringComparison.Ordinal), Measurement.Green(Measurement.NewMessageId()));

        run.PubAckReasonCodes.Should().Equal([NotAuthorized], run.ToString());
        (await shared.Ward.PatientAsync(patient.PatientId)).LastMeasurement.Should().BeNull();
    }

    [Fact]
    public async Task A_device_may_not_subscribe_to_another_devices_feedback()
    {
        var intruder = await shared.Ward.AdmitAsync();
        var victim = await shared.Ward.AdmitAsync();

        using var subscription = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, intruder.Device.DeviceId, intruder.Device.Secret,
            victim.Device.FeedbackTopic, timeoutSeconds: 2);

        subscription.SubAck.Should().Be(NotAuthorized.ToString(System.Globalization.CultureInfo.InvariantCulture), subscription.Output);
    }

    public void Dispose() => _log.Dispose();
}
