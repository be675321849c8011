using ThuisMonitoring.DeviceSimulator.Devices;
using ThuisMonitoring.DeviceSimulator.Load;
using ThuisMonitoring.DeviceSimulator.Tests.Running;

namespace ThuisMonitoring.DeviceSimulator.Tests.Restart;

/// <summary>The closed loop's --no-subscribe: devices that only publish, as a bare load generator's do.</summary>
public sealed class SubscribingDeviceTests
{
    [Theory]
    [InlineData(true, 2)]
    [InlineData(false, 0)]
    public async Task A_device_subscribes_to_its_feedback_and_errors_topics_unless_told_not_to(bool subscribe, int filters)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var device = new SimulatedDevice("dev-s", "secret-dev-s", "127.0.0.1", broker.Port, subscribe: subscribe);

        await device.ConnectAsync(CancellationToken.None);
        var outcome = await device.PublishMeasurementAsync(LoadPayload.Write(DateTimeOffset.UtcNow, "sub-1", red: false, 1), CancellationToken.None);

        outcome.Accepted.Should().BeTrue();
        broker.Subscriptions.Should().Be(filters);
    }
}
