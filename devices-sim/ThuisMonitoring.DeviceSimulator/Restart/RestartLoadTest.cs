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
                    new SimulatedDevice(patients[i].DeviceId, patients[i].DeviceSecret, options.MqttHost, options.MqttPort, _logger, TimeSpan.Zero),
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
        await DrainAsync(devices, cancellationToken);
        await running.CancelAsync();
        await Task.WhenAll(loops);
        await sampler;
        var neverAcknowledged = devices.Sum(d => d.Outstanding);
        await Task.WhenAll(devices.Select(d => d.DisposeAsync().AsTask()));

        var seconds = timeline.Figures();
        var marks = await ReadMarksAsync(timelineUnixMs, cancellationToken);
        var recovery = marks.TryGetValue("stopped", out var stopped) && marks.TryGetValue("ready", out var ready)
            ? RestartRecovery.From(seconds, stopped, ready, lastSecond, options.TargetP99Ms)
            : null;
        return new RestartReport(
            startedAt,
            patients.Count,
            options.RatePerPatient,
            Math.Round(measuredSeconds, 2),
            Math.Round(setupSeconds, 2),
            seconds.Sum(s => s.Published),
            seconds.Sum(s => s.Acknowledged),
            seconds.Sum(s => s.Refused),
            seconds.Sum(s => s.TimedOut),
            seconds.Sum(s => s.Interrupted),
            seconds.Sum(s => s.Dropped),
            seconds.Sum(s => s.Reconnects),
            seconds.Sum(s => s.FailedConnects),
            neverAcknowledged,
            marks,
            recovery,
            seconds);
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

    private async Task DrainAsync(RetryingDevice[] devices, CancellationToken cancellationToken)
    {
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < options.Drain && devices.Any(d => d.Outstanding > 0))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Restart run: {Count} devices connected; setup took {Seconds:0.0} s")]
    private static partial void LogConnected(ILogger logger, int count, double seconds);
}
