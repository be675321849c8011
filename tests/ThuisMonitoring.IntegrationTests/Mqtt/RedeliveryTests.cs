using System.Text;
using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>
/// A host of its own whose test fault (<c>Testing:FailRecordOfMessageIdPrefix</c>) fails the grain call of every
/// measurement message with a messageId starting with <see cref="FailingPrefix"/>, after the store: as a call to a silo
/// that died mid-call does. The device's resend of that message is then a duplicate in the store.
/// </summary>
public sealed class RedeliveryHost() : HostFixture(new Dictionary<string, string>
{
    ["Testing:FailRecordOfMessageIdPrefix"] = FailingPrefix,
})
{
    public const string FailingPrefix = "fails-once-";
}

/// <summary>
/// docs/mqtt.md, "Duplicates and redelivery": a resent message whose evaluation never happened is evaluated on that
/// resend; a resent message that was evaluated changes nothing. Real host, real MQTT 5 client.
/// </summary>
public sealed class RedeliveryTests(RedeliveryHost host, ITestOutputHelper output) : IClassFixture<RedeliveryHost>, IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly HostLog _log = new(host.Host, output);

    [Fact]
    public async Task A_red_reading_whose_evaluation_failed_after_the_store_alerts_on_its_resend()
    {
        var patient = await host.Ward.AdmitAsync(deviceKind: "patient-app");
        await using var device = await ConnectedAsync(patient.Device);
        var messageId = FailingId();
        var red = Payload(messageId, spo2: 85, DateTimeOffset.UtcNow.AddMinutes(-1));

        (await device.PublishMeasurementAsync(red)).Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError,
            "the grain call failed after the store, so the message is not acknowledged");
        (await device.PublishMeasurementAsync(red)).Should().Be(MqttClientPublishReasonCode.Success, "the resend is a duplicate in the store");

        var alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Count > 0, Generous, "the alert of the resent red reading");
        alerts.Sum(a => a.Count).Should().Be(1);
        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Any(x => x.Contains(messageId, StringComparison.Ordinal)), Generous,
            "feedback on the resent message, which was evaluated only then");
    }

    [Fact]
    public async Task A_resend_of_an_evaluated_reading_changes_nothing()
    {
        var patient = await host.Ward.AdmitAsync(deviceKind: "patient-app");
        await using var device = await ConnectedAsync(patient.Device);
        var firstId = Measurement.NewMessageId();
        var later = Measurement.NewMessageId();
        var first = Payload(firstId, spo2: 85, DateTimeOffset.UtcNow.AddMinutes(-2));

        (await device.PublishMeasurementAsync(first)).Should().Be(MqttClientPublishReasonCode.Success);
        (await device.PublishMeasurementAsync(first)).Should().Be(MqttClientPublishReasonCode.Success);
        (await device.PublishMeasurementAsync(first)).Should().Be(MqttClientPublishReasonCode.Success);
        (await device.PublishMeasurementAsync(Payload(later, spo2: 85, DateTimeOffset.UtcNow.AddMinutes(-1))))
            .Should().Be(MqttClientPublishReasonCode.Success);

        // Each publish is handled before its PUBACK: once the later reading has counted, the resends have done all they will.
        var alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Sum(x => x.Count) >= 2, Generous, "the later reading counted");
        alerts.Sum(a => a.Count).Should().Be(2, "the first reading and the later one; the resends count for nothing");
        // Feedback goes out in order, before each PUBACK: once the later reading's has arrived, any on a resend would have too.
        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Any(x => x.Contains(later, StringComparison.Ordinal)), Generous, "feedback on the later reading");
        device.Feedback.Count(x => x.Contains(firstId, StringComparison.Ordinal)).Should().Be(1, "feedback on the first reading once, none on its resends");
    }

    [Fact]
    public async Task A_failed_batch_is_evaluated_whole_on_its_resend()
    {
        var patient = await host.Ward.AdmitAsync(deviceKind: "patient-app");
        await using var device = await ConnectedAsync(patient.Device);
        var now = DateTimeOffset.UtcNow;
        var batch = Encoding.UTF8.GetBytes(
            $"[{Measurement.Json(Measurement.NewMessageId(), spo2: 97, heartRate: 72, respiratoryRate: 16, oxygenFlow: 2.0, measuredAt: now.AddMinutes(-3))}," +
            $"{Measurement.Json(FailingId(), spo2: 85, oxygenFlow: 2.0, measuredAt: now.AddMinutes(-2))}," +
            $"{Measurement.Json(Measurement.NewMessageId(), spo2: 84, oxygenFlow: 2.0, measuredAt: now.AddMinutes(-1))}]");

        (await device.PublishMeasurementAsync(batch)).Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError);
        (await device.PublishMeasurementAsync(batch)).Should().Be(MqttClientPublishReasonCode.Success);

        var alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Sum(x => x.Count) >= 2, Generous, "both red readings of the batch");
        alerts.Sum(a => a.Count).Should().Be(2, "each red reading of the batch once");
    }

    [Fact]
    public async Task Two_failed_messages_resent_newest_first_are_both_evaluated_once()
    {
        var patient = await host.Ward.AdmitAsync(deviceKind: "patient-app");
        await using var device = await ConnectedAsync(patient.Device);
        var now = DateTimeOffset.UtcNow;
        var older = Payload(FailingId(), spo2: 85, now.AddMinutes(-3));
        var newer = Payload(FailingId(), spo2: 84, now.AddMinutes(-2));

        (await device.PublishMeasurementAsync(older)).Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError);
        (await device.PublishMeasurementAsync(newer)).Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError);
        // In-flight order is not kept: the newer one comes back first and brings the older one along (the store, in time order).
        (await device.PublishMeasurementAsync(newer)).Should().Be(MqttClientPublishReasonCode.Success);
        var alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Sum(x => x.Count) >= 2, Generous, "both red readings");
        alerts.Sum(a => a.Count).Should().Be(2);

        (await device.PublishMeasurementAsync(older)).Should().Be(MqttClientPublishReasonCode.Success);
        (await device.PublishMeasurementAsync(Payload(Measurement.NewMessageId(), spo2: 85, now.AddMinutes(-1)))).Should().Be(MqttClientPublishReasonCode.Success);
        alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Sum(x => x.Count) >= 3, Generous, "the later reading counted");
        alerts.Sum(a => a.Count).Should().Be(3, "the older one's resend was evaluated already, with the newer one");
    }

    [Fact]
    public async Task A_failed_reading_resent_after_a_later_one_was_evaluated_alerts_on_its_resend()
    {
        var patient = await host.Ward.AdmitAsync(deviceKind: "patient-app");
        await using var device = await ConnectedAsync(patient.Device);
        var now = DateTimeOffset.UtcNow;
        var red = Payload(FailingId(), spo2: 85, now.AddMinutes(-2));

        (await device.PublishMeasurementAsync(red)).Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError);
        (await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Measurement.Green(Measurement.NewMessageId())))).Should().Be(MqttClientPublishReasonCode.Success);
        // Measured before the patient's last measurement, and not in the history: not evaluated, so evaluated now.
        (await device.PublishMeasurementAsync(red)).Should().Be(MqttClientPublishReasonCode.Success);

        var alerts = await Eventually.GetAsync(() => host.Ward.AlertsOfAsync(patient.PatientId), a => a.Count > 0, Generous, "the alert of the resent red reading");
        alerts.Sum(a => a.Count).Should().Be(1);
    }

    public void Dispose() => _log.Dispose();

    private static string FailingId() => RedeliveryHost.FailingPrefix + Measurement.NewMessageId();

    private static byte[] Payload(string messageId, int spo2, DateTimeOffset measuredAt) =>
        Encoding.UTF8.GetBytes(Measurement.Json(messageId, spo2: spo2, heartRate: 80, respiratoryRate: 18, oxygenFlow: 2.0, measuredAt: measuredAt));

    private async Task<MqttDevice> ConnectedAsync(BoundDevice bound)
    {
        var device = MqttDevice.OverTcp(bound, host.Host.MqttPort);
        (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);
        return device;
    }
}
