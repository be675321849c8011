using System.Text.RegularExpressions;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// Issue 9: a device holds at most <c>Mqtt:MaxConnectionsPerDevice</c> connections (one on this host), and a will on
/// the device's own measurements topic is never ingested when the device drops.
/// </summary>
[Collection(GuardedBrokerCollection.Name)]
public sealed partial class DeviceConnectionLimitTests(GuardedBrokerHost guarded, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(guarded.Host, output);

    [Theory]
    [InlineData(MosquittoClients.V311, 3)]
    [InlineData(MosquittoClients.V5, 0x97)]
    public async Task A_second_connection_of_a_device_is_refused_while_the_first_is_open(string version, int refusal)
    {
        var patient = await guarded.Ward.AdmitAsync();
        using var first = await guarded.Mosquitto.SubscribeAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.FeedbackTopic, count: 1, timeoutSeconds: 20, options: ["-i", "first"]);

        var second = await guarded.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()), options: ["-i", "second"]);
        second.ConnAckCode.Should().Be(refusal, "quota exceeded (3.1.1: server unavailable): " + second);

        // Its own client id again is a reconnect of the same session, not a second one: it takes the session over.
        var messageId = Measurement.NewMessageId();
        var again = await guarded.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(messageId), options: ["-i", "first"]);
        again.ConnAckCode.Should().Be(0, again.ToString());
        await guarded.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);
    }

    [Theory]
    [InlineData(MosquittoClients.V311)]
    [InlineData(MosquittoClients.V5)]
    public async Task A_will_on_the_measurements_topic_is_never_ingested_when_the_device_drops(string version)
    {
        var patient = await guarded.Ward.AdmitAsync();
        var will = Measurement.NewMessageId();
        var withWill = await guarded.Mosquitto.SubscribeAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.FeedbackTopic, count: 1, timeoutSeconds: 30, options:
            ["-i", "with-will", "--will-topic", patient.Device.MeasurementsTopic, "--will-payload", Measurement.Json(will, spo2: 81, heartRate: 140, oxygenFlow: 2.0), "--will-qos", "1"]);

        // The device drops without DISCONNECT: the broker would publish the will now.
        withWill.Kill();

        // With one connection per device, the next connection is accepted only once the dropped one's session is
        // gone — and the broker publishes a will before it deletes the session.
        var messageId = Measurement.NewMessageId();
        var next = await Eventually.GetAsync(
            () => guarded.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Green(messageId)),
            run => run.ConnAckCode == 0, TimeSpan.FromSeconds(15), "a connection after the drop");
        next.ExitCode.Should().Be(0, next.ToString());
        await guarded.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);

        (await MeasurementFile.MessageIdsOfAsync(guarded.Host, patient.Device.DeviceId)).Should().Equal([messageId], "the will is not a measurement");
        WillDiscarded().IsMatch(_log.SinceStart).Should().BeTrue("the broker noted the will it dropped");
    }

    public void Dispose() => _log.Dispose();

    [GeneratedRegex(@"declared a will; it was discarded")]
    private static partial Regex WillDiscarded();
}
