using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Api;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Devices;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Closed loop: N devices, each with exactly one QoS 1 measurement in flight, publishing the next as soon as the last
/// is acknowledged, for a fixed time. The acknowledged rate is then what the broker side can carry, not what the
/// generator offers. Against the host the devices are enrolled through the API first; against a bare broker
/// (<see cref="BareBroker"/>) they connect with made-up credentials.
/// </summary>
public sealed partial class ClosedLoopTest(ClosedLoopOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly LatencyRecorder _puback = new();
    private long _acknowledged;
    private long _refused;
    private long _failures;

    public async Task<ClosedLoopReport> RunAsync(CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync(cancellationToken);
        var devices = new SimulatedDevice[credentials.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, credentials.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var device = new SimulatedDevice(credentials[i].DeviceId, credentials[i].Secret, options.MqttHost, options.MqttPort, _logger, TimeSpan.Zero, options.Subscribe);
                await device.ConnectAsync(ct);
                devices[i] = device;
            });
        LogConnected(_logger, devices.Length, options.Target);

        var probe = options.ServerPid is { } pid ? HostProcessProbe.Find(pid, []) : null;
        using var peak = new RssPeak(probe);
        var before = probe?.Sample();
        var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var window = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        await Task.WhenAll(devices.Select((device, i) => LoopAsync(device, i, stop.Token)));
        var seconds = window.Elapsed.TotalSeconds;
        var after = probe?.Sample();
        var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - selfBefore).TotalSeconds;
        await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));

        var acknowledged = Interlocked.Read(ref _acknowledged);
        return new ClosedLoopReport(
            DateTimeOffset.UtcNow,
            options.Target,
            devices.Length,
            options.Subscribe,
            Math.Round(seconds, 2),
            acknowledged,
            Interlocked.Read(ref _refused),
            Interlocked.Read(ref _failures),
            Math.Round(acknowledged / seconds, 1),
            _puback.Summary(),
            probe is null || before is null || after is null
                ? null
                : new HostFigures(probe.Pid, Math.Round(after.CpuSeconds - before.CpuSeconds, 2), Math.Round(100 * (after.CpuSeconds - before.CpuSeconds) / seconds, 1),
                    before.RssMebibytes, after.RssMebibytes, Math.Max(peak.Peak, Math.Max(before.RssMebibytes, after.RssMebibytes))),
            new SimulatorFigures(Math.Round(selfCpu, 2), Math.Round(100 * selfCpu / seconds, 1), Environment.ProcessorCount));
    }

    private async Task<IReadOnlyList<(string DeviceId, string Secret)>> CredentialsAsync(CancellationToken cancellationToken)
    {
        if (options.ApiBaseAddress is null)
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            return Enumerable.Range(0, options.Devices).Select(i => ($"bare-{run}-{i}", "any-secret")).ToList();
        }

        var seed = await DemoRegion.SeedAsync(PlatformApi.For(options.ApiBaseAddress), new DemoRegionOptions
        {
            ApiBaseAddress = options.ApiBaseAddress,
            AdminPassword = options.AdminPassword ?? throw new ArgumentException("--admin-password is needed with --api."),
            StaffPassword = options.StaffPassword,
            PatientCount = options.Devices,
            Seed = Random.Shared.Next(),
            Scenarios = ["stable-recovery"],
            ReuseExistingPatients = false,
            Parallelism = 32,
            DevicePrefix = "loop",
        }, _logger, cancellationToken);
        return seed.Patients.Select(p => (p.DeviceId, p.DeviceSecret)).ToList();
    }

    private async Task LoopAsync(SimulatedDevice device, int index, CancellationToken stop)
    {
        long sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var messageId = $"{device.DeviceId}-{sequence}";
            var payload = LoadPayload.Write(DateTimeOffset.UtcNow, messageId, red: false, (uint)(index + sequence) * 2246822519u);
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                // Not cancelled by the stop: a measurement in flight is waited for, so the count is of completed round trips.
                var outcome = await device.PublishMeasurementAsync(payload, CancellationToken.None).ConfigureAwait(false);
                if (outcome.Accepted)
                {
                    Interlocked.Increment(ref _acknowledged);
                    _puback.Record(sentAt, Stopwatch.GetTimestamp());
                }
                else
                {
                    Interlocked.Increment(ref _refused);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (Interlocked.Increment(ref _failures) <= 5)
                {
                    LogPublishFailed(_logger, device.DeviceId, e.Message);
                }

                if (!await device.EnsureConnectedAsync(stop).ConfigureAwait(false))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None).ConfigureAwait(false);
                }
            }

            sequence++;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed loop: {Count} devices connected to the {Target}")]
    private static partial void LogConnected(ILogger logger, int count, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not publish: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string deviceId, string reason);
}

/// <summary>A closed-loop run: how many devices, for how long, against what.</summary>
public sealed class ClosedLoopOptions
{
    /// <summary>The host's API for enrolling the devices; null against a bare broker.</summary>
    public Uri? ApiBaseAddress { get; init; }

    public string MqttHost { get; init; } = "127.0.0.1";

    public int MqttPort { get; init; } = 1883;

    public string? AdminPassword { get; init; }

    public required string StaffPassword { get; init; }

    public int Devices { get; init; } = 2000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the devices subscribe to their feedback and errors topics, as real devices do (default). A bare MQTTnet
    /// broker matches every publish against every session's subscriptions, so subscribing devices slow it down; the
    /// host delivers feedback to the one session and is not slowed by them. False: devices only publish.
    /// </summary>
    public bool Subscribe { get; init; } = true;

    /// <summary>The broker's process (host or bare broker) for its CPU and memory.</summary>
    public int? ServerPid { get; init; }

    public string Target => ApiBaseAddress is null ? "bare MQTTnet broker" : "ThuisMonitoring host";
}

/// <summary>The figures of a closed-loop run, written as JSON.</summary>
public sealed record ClosedLoopReport(
    DateTimeOffset FinishedAt,
    string Target,
    int Devices,
    bool DevicesSubscribe,
    double Seconds,
    long Acknowledged,
    long Refused,
    long PublishFailures,
    double AcknowledgedPerSecond,
    LatencySummary PubackLatencyMs,
    HostFigures? Server,
    SimulatorFigures Simulator);
