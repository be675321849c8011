using System.Text;
using MQTTnet.Protocol;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>
/// Feedback and errors go straight to the device's own sessions, yet with the broker's subscription rules: only while
/// subscribed, at the lower of the message's QoS (1) and the subscription's.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class FeedbackDeliveryTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Fact]
    public async Task After_unsubscribing_from_feedback_a_device_gets_no_feedback_but_still_its_errors()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort);
        await device.ConnectAsync();
        await device.UnsubscribeFeedbackAsync();

        await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Measurement.Json(Measurement.NewMessageId(), spo2: 96, oxygenFlow: 2.0)));
        await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes("""{"messageId":"kapot","spo2":"hoog"}"""));

        // The error is queued after the feedback the first measurement would have had: once it is here, that is not.
        await Eventually.GetAsync(() => Task.FromResult(device.Errors.ToArray()), e => e.Length > 0, null, "the error for the bad payload");
        device.Feedback.Should().BeEmpty();
    }

    [Fact]
    public async Task A_device_subscribed_at_QoS_0_gets_its_feedback_at_QoS_0()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort);
        await device.ConnectAsync();
        await device.SubscribeFeedbackAsync(MqttQualityOfServiceLevel.AtMostOnce);

        await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Measurement.Json(Measurement.NewMessageId(), spo2: 96, oxygenFlow: 2.0)));

        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Length > 0, null, "feedback");
        device.ReceivedQos.Should().Equal(MqttQualityOfServiceLevel.AtMostOnce);
    }

    [Fact]
    public async Task A_device_subscribed_at_QoS_1_gets_its_feedback_at_QoS_1()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort);
        await device.ConnectAsync();

        await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Measurement.Json(Measurement.NewMessageId(), spo2: 96, oxygenFlow: 2.0)));

        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Length > 0, null, "feedback");
        device.ReceivedQos.Should().Equal(MqttQualityOfServiceLevel.AtLeastOnce);
    }

    public void Dispose() => _log.Dispose();
}
