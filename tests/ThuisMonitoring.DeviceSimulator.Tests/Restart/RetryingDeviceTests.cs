using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Devices;
using ThuisMonitoring.DeviceSimulator.Load;
using ThuisMonitoring.DeviceSimulator.Restart;
using ThuisMonitoring.DeviceSimulator.Tests.Running;

namespace ThuisMonitoring.DeviceSimulator.Tests.Restart;

public sealed class RetryingDeviceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static byte[] Payload(int i) => LoadPayload.Write(DateTimeOffset.UtcNow, $"retry-{i}", red: false, (uint)i);

    private static RetryingDevice Device(
        string id, int port, SecondTimeline timeline, TimeSpan? publishTimeout = null, bool subscribe = true, TimeSpan? disconnectBound = null) =>
        new(
            new SimulatedDevice(id, "secret-" + id, "127.0.0.1", port, keepAlive: TimeSpan.FromSeconds(30), subscribe: subscribe),
            timeline, NullLogger.Instance, publishTimeout ?? TimeSpan.FromSeconds(30), disconnectBound: disconnectBound);

    [Fact]
    public async Task A_device_whose_broker_stops_with_publishes_in_flight_reconnects_with_backoff_and_every_measurement_is_acknowledged_once()
    {
        var broker = await TestBroker.StartAsync(holdAnswers: true);
        var port = broker.Port;
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        await using var device = Device("dev-r", port, timeline);
        await device.ConnectAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(Patience);
        var loop = device.RunAsync(stop.Token);

        for (var i = 0; i < 3; i++)
        {
            device.Measure(Payload(i));
        }

        await broker.FirstArrival.WaitAsync(stop.Token);
        await broker.DisposeAsync();
        await WaitForAsync(device, () => !device.IsConnected, stop.Token);
        await WaitForAsync(device, () => timeline.Figures().Sum(s => s.FailedConnects) >= 2, stop.Token);
        for (var i = 3; i < 5; i++)
        {
            device.Measure(Payload(i));
        }

        device.Outstanding.Should().Be(5, "nothing was acknowledged by the stopped broker; everything waits on the device");
        await using var restarted = await TestBroker.StartAsync(port);
        (await device.WaitUntilAcknowledgedAsync(Patience, stop.Token)).Should().BeTrue();
        await stop.CancelAsync();
        await loop;

        var seconds = timeline.Figures();
        seconds.Sum(s => s.Published).Should().Be(5);
        seconds.Sum(s => s.Acknowledged).Should().Be(5);
        restarted.Received.Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(i => $"retry-{i}"), "each measurement reached the restarted broker exactly once");
        seconds.Sum(s => s.Reconnects).Should().Be(1);
        seconds.Sum(s => s.FailedConnects).Should().BeGreaterThanOrEqualTo(2, "the device kept trying, with back-off, while the broker was away");
        seconds.Sum(s => s.Interrupted).Should().BeInRange(1, 3, "the publishes in flight on the stopped broker failed with its session");
        seconds.Sum(s => s.TimedOut).Should().Be(0);
        seconds.Sum(s => s.FailedAttempts).Should().Be(seconds.Sum(s => s.Interrupted), "every failed attempt belongs to a measurement acknowledged in the end");
        RestartReport.From(DateTimeOffset.UtcNow, 1, 1, 1, 0, seconds, device.Outstanding, new Dictionary<string, double>(), null)
            .PublishFailures.Should().Be(0);
    }

    [Fact]
    public async Task A_session_that_never_answers_is_given_up_after_the_publish_timeout_and_the_device_reconnects_instead_of_sending_on_it_again()
    {
        await using var silent = new SilentBroker();
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        var device = Device("dev-q", silent.Port, timeline, publishTimeout: TimeSpan.FromMilliseconds(300), subscribe: false,
            disconnectBound: TimeSpan.FromMilliseconds(500));
        await device.ConnectAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(Patience);
        var loop = device.RunAsync(stop.Token);

        device.Measure(Payload(0));
        device.Measure(Payload(1));
        await WaitForAsync(device, () => timeline.Figures().Sum(s => s.Reconnects) >= 3, stop.Token);
        await stop.CancelAsync();
        await loop;
        var disposing = Stopwatch.StartNew();
        await device.DisposeAsync();

        disposing.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "the final disconnect waits at most its bound for a peer that never answers");
        var seconds = timeline.Figures();
        var sessions = seconds.Sum(s => s.Reconnects) + 1;
        var attempts = seconds.Sum(s => s.TimedOut) + seconds.Sum(s => s.Interrupted);
        seconds.Sum(s => s.TimedOut).Should().BeGreaterThanOrEqualTo(3, "each session ended with a publish that got no PUBACK in time");
        attempts.Should().BeLessThanOrEqualTo(2 * sessions, "a measurement is sent at most once per session: never again on a dead one");
        silent.Connections.Should().BeInRange((int)sessions, (int)sessions + 1, "every given-up session was replaced by a new connection (one more may have been connecting at the stop)");
        seconds.Sum(s => s.Acknowledged).Should().Be(0);
    }

    [Fact]
    public async Task A_broker_that_never_comes_back_leaves_the_unacknowledged_measurements_as_publish_failures()
    {
        var broker = await TestBroker.StartAsync();
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        var device = Device("dev-n", broker.Port, timeline, disconnectBound: TimeSpan.FromMilliseconds(500));
        await device.ConnectAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource(Patience);
        var loop = device.RunAsync(stop.Token);
        device.Measure(Payload(0));
        (await device.WaitUntilAcknowledgedAsync(Patience, stop.Token)).Should().BeTrue();

        await broker.DisposeAsync();
        await WaitForAsync(device, () => !device.IsConnected, stop.Token);
        for (var i = 1; i < 4; i++)
        {
            device.Measure(Payload(i));
        }

        await WaitForAsync(device, () => timeline.Figures().Sum(s => s.FailedConnects) >= 3, stop.Token);
        var drained = await device.WaitUntilAcknowledgedAsync(TimeSpan.FromMilliseconds(200), stop.Token);
        await stop.CancelAsync();
        await loop;
        var unacknowledged = device.Outstanding;
        var disposing = Stopwatch.StartNew();
        await device.DisposeAsync();

        drained.Should().BeFalse();
        disposing.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        unacknowledged.Should().Be(3);
        var report = RestartReport.From(DateTimeOffset.UtcNow, 1, 1, 1, 0, timeline.Figures(), unacknowledged, new Dictionary<string, double>(), null);
        report.PublishFailures.Should().Be(3, "the measurements taken while the broker was gone were never acknowledged");
        report.Acknowledged.Should().Be(1);
        report.FailedAttempts.Should().Be(0, "the one acknowledged measurement went through at its first attempt");
        report.Reconnects.Should().Be(0);
        report.FailedConnects.Should().BeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData(0, 0.0, 250)]
    [InlineData(0, 0.5, 250)]
    [InlineData(0, 0.99, 311.25)]
    [InlineData(1, 0.5, 500)]
    [InlineData(2, 0.0, 750)]
    [InlineData(3, 0.5, 2000)]
    [InlineData(4, 0.5, 4000)]
    [InlineData(4, 0.0, 3000)]
    [InlineData(9, 0.99, 4000)]
    public void The_reconnect_backoff_starts_at_250_ms_doubles_and_stays_under_4_s(int failedAttempts, double random, double milliseconds) =>
        RetryingDevice.BackoffDelay(failedAttempts, random).TotalMilliseconds.Should().BeApproximately(milliseconds, 0.01);

    [Fact]
    public async Task A_full_device_buffer_drops_its_oldest_measurement_and_counts_it()
    {
        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        // Never connected: every measurement waits.
        await using var device = new RetryingDevice(
            new SimulatedDevice("dev-b", "secret-dev-b", "127.0.0.1", 1), timeline,
            NullLogger.Instance, TimeSpan.FromSeconds(30), buffer: 2);

        for (var i = 0; i < 5; i++)
        {
            device.Measure(Payload(i));
        }

        device.Outstanding.Should().Be(2);
        timeline.Figures().Sum(s => s.Dropped).Should().Be(3);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checked whenever the device reports a change.</summary>
    private static async Task WaitForAsync(RetryingDevice device, Func<bool> condition, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        }

        device.Changed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            device.Changed -= Check;
        }
    }
}
