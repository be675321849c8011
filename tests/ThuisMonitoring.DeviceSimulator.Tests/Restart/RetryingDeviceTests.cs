using System.Diagnostics;
using ThuisMonitoring.DeviceSimulator.Devices;
using ThuisMonitoring.DeviceSimulator.Load;
using ThuisMonitoring.DeviceSimulator.Restart;
using ThuisMonitoring.DeviceSimulator.Tests.Running;

namespace ThuisMonitoring.DeviceSimulator.Tests.Restart;

public sealed class RetryingDeviceTests
{
    private static byte[] Payload(int i) => LoadPayload.Write(DateTimeOffset.UtcNow, $"retry-{i}", red: false, (uint)i);

    [Fact]
    public async Task Measurements_taken_while_the_broker_is_away_are_queued_and_acknowledged_after_the_device_reconnects_by_itself()
    {
        var broker = await TestBroker.StartAsync();
        var port = broker.Port;
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        var device = new RetryingDevice(
            new SimulatedDevice("dev-r", "secret-dev-r", "127.0.0.1", port, keepAlive: TimeSpan.Zero), timeline,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(30));
        await device.ConnectAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var loop = device.RunAsync(stop.Token);

        for (var i = 0; i < 3; i++)
        {
            device.Measure(Payload(i));
        }

        await WaitUntilAsync(() => device.Outstanding == 0, stop.Token);
        await broker.DisposeAsync();
        await WaitUntilAsync(() => !device.IsConnected, stop.Token);

        for (var i = 3; i < 6; i++)
        {
            device.Measure(Payload(i));
        }

        device.Outstanding.Should().Be(3, "the broker is away: the measurements wait on the device");
        await using (await TestBroker.StartAsync(port))
        {
            await WaitUntilAsync(() => device.Outstanding == 0, stop.Token);
        }

        await stop.CancelAsync();
        await loop;
        await device.DisposeAsync();
        var seconds = timeline.Figures();
        seconds.Sum(s => s.Published).Should().Be(6);
        seconds.Sum(s => s.Acknowledged).Should().Be(6);
        seconds.Sum(s => s.Reconnects).Should().BeGreaterThanOrEqualTo(1);
        seconds.Sum(s => s.Failures).Should().Be(0, "nothing was refused and nothing went unanswered while connected");
    }

    [Fact]
    public async Task A_full_device_buffer_drops_its_oldest_measurement_and_counts_it()
    {
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        // Never connected: every measurement waits.
        await using var device = new RetryingDevice(
            new SimulatedDevice("dev-b", "secret-dev-b", "127.0.0.1", 1), timeline,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(30), buffer: 2);

        for (var i = 0; i < 5; i++)
        {
            device.Measure(Payload(i));
        }

        device.Outstanding.Should().Be(2);
        timeline.Figures().Sum(s => s.Dropped).Should().Be(3);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
