using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Api;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Devices;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Seeds N patients, connects one MQTT session per device and publishes at a fixed rate, measuring PUBACK,
/// feedback and alert latency and the host's CPU and memory.
/// </summary>
public sealed partial class LoadTest
{
    private readonly LoadTestOptions _options;
    private readonly ILogger _logger;
    private readonly LatencyRecorder _puback = new();
    private readonly LatencyRecorder _feedback = new();
    private readonly LatencyRecorder _alerts = new();
    private readonly AlertMatcher _matcher = new();
    private readonly ConcurrentDictionary<string, long> _awaitingFeedback = new(StringComparer.Ordinal);
    private long _published;
    private long _accepted;
    private long _refused;
    private long _failures;
    private long _inFlight;
    private long _lastAcceptedAt;
    private long _feedbackReceived;
    private long _errorsReceived;
    private long _redPublished;

    public LoadTest(LoadTestOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var setup = Stopwatch.StartNew();
        var api = PlatformApi.For(_options.ApiBaseAddress);
        var seed = await DemoRegion.SeedAsync(api, new DemoRegionOptions
        {
            ApiBaseAddress = _options.ApiBaseAddress,
            AdminUsername = _options.AdminUsername,
            AdminPassword = _options.AdminPassword,
            StaffPassword = _options.StaffPassword,
            PatientCount = _options.Patients,

            // Another seed than the demo's, so a demo re-run never takes a load patient for one of its own.
            Seed = Random.Shared.Next(),
            Scenarios = ["stable-recovery"],
            ReuseExistingPatients = false,
            Parallelism = _options.SetupParallelism,
            DevicePrefix = "load",
        }, _logger, cancellationToken);
        var patients = seed.Patients;
        LogSeeded(_logger, patients.Count, setup.Elapsed.TotalSeconds);

        var nurse = await api.GetTokenAsync(DemoStaff.Nurse, _options.StaffPassword, cancellationToken);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_options.ApiBaseAddress, "hubs/alerts"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(nurse.AccessToken))
            .Build();
        hub.On<JsonElement>("alertChanged", OnAlert);
        await hub.StartAsync(cancellationToken);

        var devices = new SimulatedDevice[patients.Count];
        var connectFailures = await ConnectAllAsync(patients, devices, cancellationToken);
        var setupSeconds = setup.Elapsed.TotalSeconds;
        LogConnected(_logger, patients.Count - connectFailures, connectFailures, setupSeconds);

        var probe = HostProcessProbe.Find(
            _options.HostPid, [_options.ApiBaseAddress.Authority, $"Mqtt:Port={_options.MqttPort}", $"Mqtt__Port={_options.MqttPort}"]);
        if (probe is null)
        {
            LogNoHost(_logger);
        }

        using var peak = new RssPeak(probe);
        var hostBefore = probe?.Sample();
        var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var window = Stopwatch.StartNew();
        var publishStarted = Stopwatch.GetTimestamp();

        var maxLag = await PaceAsync(seed.RunTag, patients, devices, cancellationToken);
        await DrainAsync(cancellationToken);

        var hostAfter = probe?.Sample();
        var seconds = window.Elapsed.TotalSeconds;
        var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - selfBefore).TotalSeconds;
        await Task.WhenAll(devices.Where(d => d is not null).Select(d => d.DisposeAsync().AsTask()));

        var lastAccepted = Interlocked.Read(ref _lastAcceptedAt);
        var acceptWindow = lastAccepted > publishStarted
            ? Stopwatch.GetElapsedTime(publishStarted, lastAccepted).TotalSeconds
            : _options.Duration.TotalSeconds;
        return new LoadReport(
            startedAt,
            patients.Count,
            _options.RatePerPatient,
            _options.Duration.TotalSeconds,
            patients.Count * _options.RatePerPatient,
            Math.Round(setupSeconds, 2),
            connectFailures,
            Interlocked.Read(ref _published),
            Interlocked.Read(ref _accepted),
            Interlocked.Read(ref _refused),
            Interlocked.Read(ref _failures),
            Math.Round(Interlocked.Read(ref _accepted) / Math.Max(acceptWindow, _options.Duration.TotalSeconds), 1),
            Math.Round(maxLag, 2),
            _puback.Summary(),
            Interlocked.Read(ref _feedbackReceived),
            _feedback.Summary(),
            Interlocked.Read(ref _errorsReceived),
            Interlocked.Read(ref _redPublished),
            _matcher.Events,
            _matcher.Matched,
            _matcher.MatchedBy,
            _alerts.Summary(),
            Host(probe, hostBefore, hostAfter, peak.Peak, seconds),
            new SimulatorFigures(Math.Round(selfCpu, 2), Math.Round(100 * selfCpu / seconds, 1), Environment.ProcessorCount));
    }

    private async Task<int> ConnectAllAsync(
        IReadOnlyList<SimulatedPatient> patients, SimulatedDevice[] devices, CancellationToken cancellationToken)
    {
        var failures = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, patients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.SetupParallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var patient = patients[i];
                var (mqttHost, mqttPort) = _options.MqttEndpoints.Count == 0 ? (_options.MqttHost, _options.MqttPort) : _options.MqttEndpoints[i % _options.MqttEndpoints.Count];
                var device = new SimulatedDevice(
                    patient.DeviceId, patient.DeviceSecret, mqttHost, mqttPort, _logger, TimeSpan.Zero);
                device.FeedbackReceived += OnFeedback;
                device.ErrorsReceived += _ => Interlocked.Increment(ref _errorsReceived);
                try
                {
                    await device.ConnectAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    LogConnectFailed(_logger, patient.DeviceId, e.Message);
                }

                devices[i] = device;
            });
        return failures;
    }

    /// <summary>
    /// Publishes on a Stopwatch schedule: each pass sends every message that is due, then sleeps until the next one,
    /// so pacing does not drift and no timer is set per message. Returns the largest lag behind schedule.
    /// </summary>
    private async Task<double> PaceAsync(
        string runTag, IReadOnlyList<SimulatedPatient> patients, SimulatedDevice[] devices, CancellationToken cancellationToken)
    {
        var perSecond = patients.Count * _options.RatePerPatient;
        var total = (long)Math.Round(perSecond * _options.Duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var maxLagMs = 0.0;
        long sent = 0;
        while (sent < total && !cancellationToken.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed.TotalSeconds;
            var due = Math.Min(total, (long)(elapsed * perSecond) + 1);
            if (sent < due)
            {
                maxLagMs = Math.Max(maxLagMs, (elapsed - (sent / perSecond)) * 1000);
            }

            for (; sent < due; sent++)
            {
                var index = (int)(sent % patients.Count);
                Send(runTag, sent, patients[index], devices[index]);
            }

            // Sleep at least a millisecond rather than spin: at high rates each wake-up sends a batch.
            var wait = TimeSpan.FromSeconds((sent / perSecond) - clock.Elapsed.TotalSeconds);
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken)
                .ConfigureAwait(false);
        }

        return maxLagMs;
    }

    private void Send(string runTag, long sequence, SimulatedPatient patient, SimulatedDevice device)
    {
        var messageId = $"{runTag}-{sequence}";
        var red = LoadPayload.IsRed(sequence, _options.RedFraction);
        var measuredAt = DateTimeOffset.UtcNow;
        var payload = LoadPayload.Write(measuredAt, messageId, red, (uint)sequence * 2246822519u);
        var sentAt = Stopwatch.GetTimestamp();
        _awaitingFeedback[messageId] = sentAt;
        if (red)
        {
            Interlocked.Increment(ref _redPublished);
            _matcher.RedPublished(patient.PatientId, messageId, new DateTimeOffset(measuredAt.UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero), sentAt);
        }

        Interlocked.Increment(ref _published);
        _ = PublishAsync(device, payload, sentAt);
    }

    private async Task PublishAsync(SimulatedDevice device, byte[] payload, long sentAt)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var outcome = await device.PublishMeasurementAsync(payload, CancellationToken.None).ConfigureAwait(false);
            var ackedAt = Stopwatch.GetTimestamp();
            if (outcome.Accepted)
            {
                Interlocked.Increment(ref _accepted);
                Interlocked.Exchange(ref _lastAcceptedAt, ackedAt);
                _puback.Record(sentAt, ackedAt);
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
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        // Wait for the PUBACKs, then give feedback and alerts a moment to arrive; stop early when all are in.
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < _options.Drain && !cancellationToken.IsCancellationRequested)
        {
            var feedbackDone = Interlocked.Read(ref _feedbackReceived) >= Interlocked.Read(ref _accepted);
            var alertsDone = _matcher.Matched >= Interlocked.Read(ref _redPublished);
            if (Interlocked.Read(ref _inFlight) == 0 && feedbackDone && alertsDone)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnFeedback(DeviceFeedback feedback)
    {
        Interlocked.Increment(ref _feedbackReceived);
        if (feedback.MessageId is { } id && _awaitingFeedback.TryRemove(id, out var sentAt))
        {
            _feedback.Record(sentAt, Stopwatch.GetTimestamp());
        }
    }

    private void OnAlert(JsonElement alert)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        if (_matcher.Match(alert) is { } sentAt)
        {
            _alerts.Record(sentAt, receivedAt);
        }
    }

    private static HostFigures? Host(HostProcessProbe? probe, HostSample? before, HostSample? after, double peak, double seconds)
    {
        if (probe is null || before is null || after is null)
        {
            return null;
        }

        var cpu = after.CpuSeconds - before.CpuSeconds;
        return new HostFigures(probe.Pid, Math.Round(cpu, 2), Math.Round(100 * cpu / seconds, 1),
            before.RssMebibytes, after.RssMebibytes, Math.Max(peak, Math.Max(before.RssMebibytes, after.RssMebibytes)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} load patients in {Seconds:0.0} s")]
    private static partial void LogSeeded(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected {Connected} devices ({Failed} failed); setup took {Seconds:0.0} s")]
    private static partial void LogConnected(ILogger logger, int connected, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No ThuisMonitoring.Host process found; host CPU and memory are left out (give --host-pid)")]
    private static partial void LogNoHost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not connect: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not publish: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string deviceId, string reason);
}
