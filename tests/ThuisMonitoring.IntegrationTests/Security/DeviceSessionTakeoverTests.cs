using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// Issue 9 (critical): a device that connects with another online device's client id and clean session off must not
/// take over that device's session — not its identity for publishing, not its feedback. Played with mosquitto_pub/sub
/// as an attacker holding a valid secret of their own would.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class DeviceSessionTakeoverTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData(MosquittoClients.V311)]
    [InlineData(MosquittoClients.V5)]
    public async Task Another_devices_client_id_gives_an_attacker_neither_its_identity_nor_its_feedback(string version)
    {
        var victim = await shared.Ward.AdmitAsync();
        var attacker = await shared.Ward.AdmitAsync();
        var sharedClientId = Ward.Unique("meter");
        string[] persistent = ["-i", sharedClientId, "-c"];

        // The victim's meter is online with a persistent session, subscribed to its feedback.
        using var victimSession = await shared.Mosquitto.SubscribeAsync(version, victim.Device.DeviceId, victim.Device.Secret,
            victim.Device.FeedbackTopic, count: 1, timeoutSeconds: 20, options: persistent);

        // The attacker logs in with its own secret under the victim's client id and publishes on the victim's topic.
        var forged = Measurement.NewMessageId();
        var attack = await shared.Mosquitto.PublishAsync(version, attacker.Device.DeviceId, attacker.Device.Secret,
            victim.Device.MeasurementsTopic, Measurement.Json(forged, spo2: 80, heartRate: 130, oxygenFlow: 2.0), options: persistent);
        attack.ConnAckCode.Should().Be(0, attack.ToString());
        if (version == MosquittoClients.V5)
        {
            attack.PubAckReasonCodes.Should().Equal([0x87], "a publish on another device's topic is not authorized: " + attack);
        }

        // The attacker stays online under that client id, subscribed to its own feedback.
        using var attackerSession = await shared.Mosquitto.SubscribeAsync(version, attacker.Device.DeviceId, attacker.Device.Secret,
            attacker.Device.FeedbackTopic, count: 1, timeoutSeconds: 20, options: persistent);

        // The victim's own measurement: its feedback reaches the victim, not the attacker.
        var genuine = Measurement.NewMessageId();
        var victimRun = await shared.Mosquitto.PublishAsync(version, victim.Device.DeviceId, victim.Device.Secret,
            victim.Device.MeasurementsTopic, Measurement.Green(genuine));
        victimRun.ExitCode.Should().Be(0, victimRun.ToString());
        // The attacker's own measurement, so its session has something of its own to receive.
        var attackerRun = await shared.Mosquitto.PublishAsync(version, attacker.Device.DeviceId, attacker.Device.Secret,
            attacker.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()));
        attackerRun.ExitCode.Should().Be(0, attackerRun.ToString());

        var victimReceived = await victimSession.MessagesAsync();
        victimReceived.Should().ContainSingle(victimSession.Output)
            .Which.Json.GetProperty("messageId").GetString().Should().Be(genuine, "the victim's session is still its own");
        var attackerReceived = await attackerSession.MessagesAsync();
        attackerReceived.Should().ContainSingle(attackerSession.Output)
            .Which.Topic.Should().Be(attacker.Device.FeedbackTopic, "the attacker receives nothing of the victim's");

        (await MeasurementFile.MessageIdsOfAsync(shared.Host, victim.Device.DeviceId)).Should().Equal([genuine],
            "nothing the attacker sent is stored under the victim");
        (await shared.Ward.PatientAsync(victim.PatientId)).LastMeasurement!.MessageId.Should().Be(genuine);
    }

    public void Dispose() => _log.Dispose();
}
