using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>Contract §2: a device may subscribe to any filter inside its own subtree and to nothing outside it.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class DeviceSubscriptionTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData(MosquittoClients.V311, "#")]
    [InlineData(MosquittoClients.V5, "#")]
    [InlineData(MosquittoClients.V5, "+")]
    public async Task A_device_subscribed_to_its_own_subtree_receives_its_feedback(string version, string wildcard)
    {
        var patient = await shared.Ward.AdmitAsync();
        var filter = $"thuismonitoring/v1/devices/{patient.Device.DeviceId}/{wildcard}";
        using var subscription = await shared.Mosquitto.SubscribeAsync(version, patient.Device.DeviceId, patient.Device.Secret, filter);
        subscription.SubAck.Should().Be("1", subscription.Output);

        var messageId = Measurement.NewMessageId();
        var run = await shared.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(messageId));
        run.ExitCode.Should().Be(0, run.ToString());

        var received = await subscription.MessagesAsync();
        received.Should().ContainSingle(subscription.Output).Which.Topic.Should().Be(patient.Device.FeedbackTopic);
        received[0].Json.GetProperty("messageId").GetString().Should().Be(messageId);
    }

    [Theory]
    [InlineData("thuismonitoring/v1/devices/{other}/#")]
    [InlineData("thuismonitoring/v1/devices/{other}/feedback")]
    [InlineData("thuismonitoring/v1/devices/+/feedback")]
    [InlineData("thuismonitoring/v1/devices/#")]
    [InlineData("#")]
    public async Task A_filter_outside_the_own_subtree_is_refused(string pattern)
    {
        var patient = await shared.Ward.AdmitAsync();
        var other = await shared.Ward.AdmitAsync();
        var filter = pattern.Replace("{own}", patient.Device.DeviceId).Replace("{other}", other.Device.DeviceId);

        using var subscription = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, filter, timeoutSeconds: 2);

        subscription.SubAck.Should().Be("135", subscription.Output);
    }

    public void Dispose() => _log.Dispose();
}
