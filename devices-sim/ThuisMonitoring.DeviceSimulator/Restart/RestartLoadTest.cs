using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Api;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Devices;
using ThuisMonitoring.DeviceSimulator.Load;

namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// Open loop through a restart of the host: seeds N patients with a device each, then every device takes R
/// measurements a second for the whole run, whatever the host does; devices queue, retry and reconnect by themselves
/// (<see cref="RetryingDevice"/>). The benchmark script stops and starts the host meanwhile and writes the moments to
/// the marks file; the report has every second and the recovery.
/// </summary>
public sealed partial class RestartLoadTest(RestartLoadOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<RestartReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var setup = Stopwatch.StartNew();
        var seed = await DemoRegion.SeedAsync(PlatformApi.For(options.ApiBaseAddress), new DemoRegionOptions
        {
            ApiBaseAddress = options.ApiBaseAddress,
            AdminUsername = options.AdminUsername,
            AdminPassword = options.AdminPassword,
            StaffPassword = options.StaffPassword,
            PatientCount = options.Patients,
            Seed = Random.Shared.Next(),
            Scenarios = ["stable-recovery"],
            ReuseExistingPatients = false,
            Parallelism = options.SetupParallelism,
            DevicePrefix = "restart",
        }, _logger, cancellationToken);
        var patients = seed.Patients;

        var timeline = new SecondTimeline(Stopwatch.GetTimestamp());
        var devices = new RetryingDevice[patients.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, patients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.SetupParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var device = new RetryingDevice(
                    new SimulatedDevice(patients[i].DeviceId, patients[i].DeviceSecret, options.MqttHost, options.MqttPort, _logger, options.KeepAlive),
                    timeline, _logger, options.PublishTimeout, options.DeviceBuffer > 0 ? options.DeviceBuffer : int.MaxValue, options.InFlight);
                await device.ConnectAsync(ct);
                devices[i] = device;
            });
        var setupSeconds = setup.Elapsed.TotalSeconds;
        LogConnected(_logger, devices.Length, setupSeconds);

        // The timeline starts now: second 0 is the first second of measurements.
        timeline.Restart(Stopwatch.GetTimestamp());
        var timelineUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        if (options.StartedFile is { } startedFile)
        {
            await File.WriteAllTextAsync(startedFile, timelineUnixMs.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = devices.Select(d => Task.Run(() => d.RunAsync(running.Token), CancellationToken.None)).ToArray();
        var sampler = SampleAsync(devices, timeline, running.Token);
        var measuredSeconds = await PaceAsync(seed.RunTag, devices, cancellationToken);
        var lastSecond = (int)Math.Ceiling(measuredSeconds) - 1;
        var drained = await Task.WhenAll(devices.Select(d => d.WaitUntilAcknowledgedAsync(options.Drain, cancellationToken)));
        await running.CancelAsync();
        try
        {
            await Task.WhenAll(loops).WaitAsync(options.DisconnectBound, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            LogLoopsStillRunning(_logger, options.DisconnectBound.TotalSeconds);
        }

        await sampler;
        var neverAcknowledged = devices.Sum(d => d.Outstanding);
        LogDrained(_logger, drained.Count(d => d), devices.Length, neverAcknowledged);
        // Every device's disconnect is bounded: a session whose peer is gone cannot hold the run's end.
        await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));

        var seconds = timeline.Figures();
        var marks = await ReadMarksAsync(timelineUnixMs, cancellationToken);
        var recovery = marks.TryGetValue("stopped", out var stopped) && marks.TryGetValue("ready", out var ready)
            ? RestartRecovery.From(seconds, stopped, ready, lastSecond, options.TargetP99Ms)
            : null;
        return RestartReport.From(startedAt, patients.Count, options.RatePerPatient, measuredSeconds, setupSeconds, seconds, neverAcknowledged, marks, recovery);
    }

    /// <summary>
    /// Takes the measurements on a Stopwatch schedule (as the load mode does), spread over the devices, until the
    /// duration is over or the end file appears (looked for once a second); returns how many seconds it measured.
    /// </summary>
    private async Task<double> PaceAsync(string runTag, RetryingDevice[] devices, CancellationToken cancellationToken)
    {
        var perSecond = devices.Length * options.RatePerPatient;
        var total = (long)Math.Round(perSecond * options.Duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var lookedForEnd = 0L;
        long sent = 0;
        while (sent < total && !cancellationToken.IsCancellationRequested)
        {
            var second = (long)clock.Elapsed.TotalSeconds;
            if (second > lookedForEnd && options.EndFile is { } endFile)
            {
                lookedForEnd = second;
                if (File.Exists(endFile))
                {
                    break;
                }
            }

            var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * perSecond) + 1);
            for (; sent < due; sent++)
            {
                var red = LoadPayload.IsRed(sent, options.RedFraction);
                devices[(int)(sent % devices.Length)].Measure(
                    LoadPayload.Write(DateTimeOffset.UtcNow, $"{runTag}-{sent}", red, (uint)sent * 2246822519u));
            }

            var wait = TimeSpan.FromSeconds((sent / perSecond) - clock.Elapsed.TotalSeconds);
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task SampleAsync(RetryingDevice[] devices, SecondTimeline timeline, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                timeline.Sample(Stopwatch.GetTimestamp(), devices.Count(d => !d.IsConnected), devices.Sum(d => d.Outstanding));
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>The marks file's <c>name unix-ms</c> lines as seconds of the timeline.</summary>
    private async Task<IReadOnlyDictionary<string, double>> ReadMarksAsync(long timelineUnixMs, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, double>(StringComparer.Ordinal);
        if (options.MarksFile is not { } file || !File.Exists(file))
        {
            return marks;
        }

        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var unixMs))
            {
                marks.TryAdd(parts[0], Math.Round((unixMs - timelineUnixMs) / 1000.0, 3));
            }
        }

        return marks;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restart run: device loops still running {Seconds} s after the end; disconnecting anyway")]
    private static partial void LogLoopsStillRunning(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart run: {Drained} of {Count} devices drained; {Outstanding} measurements never acknowledged")]
    private static partial void LogDrained(ILogger logger, int drained, int count, long outstanding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart run: {Count} devices connected; setup took {Seconds:0.0} s")]
    private static partial void LogConnected(ILogger logger, int count, double seconds);
}
