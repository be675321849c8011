using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.DeviceSimulator.Devices;

namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// A device as a real one behaves when its platform restarts: measurements are queued on the device, sent with QoS 1
/// while the session is up (a few in flight at once), sent again when no PUBACK came (session dropped, error reason
/// code, no answer within the publish timeout), and the session is re-established by itself with a jittered back-off.
/// Every outcome is counted on the <see cref="SecondTimeline"/>.
/// </summary>
public sealed partial class RetryingDevice : IAsyncDisposable
{
    private readonly SimulatedDevice _device;
    private readonly SecondTimeline _timeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _publishTimeout;
    private readonly LinkedList<PendingMeasurement> _queue = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _waiting = new(0);
    private readonly SemaphoreSlim _inFlight;
    private long _outstanding;

    private readonly int _buffer;

    /// <summary>
    /// A device that keeps at most <paramref name="buffer"/> measurements waiting (the oldest is dropped when a new one
    /// is taken with the buffer full, as a device with a small memory does during a long outage).
    /// </summary>
    public RetryingDevice(SimulatedDevice device, SecondTimeline timeline, ILogger logger, TimeSpan publishTimeout, int buffer = int.MaxValue, int maxInFlight = 4)
    {
        _buffer = buffer;
        _device = device;
        _timeline = timeline;
        _logger = logger;
        _publishTimeout = publishTimeout;
        _inFlight = new SemaphoreSlim(maxInFlight);
    }

    public string DeviceId => _device.DeviceId;

    public bool IsConnected => _device.IsConnected;

    /// <summary>Measurements taken and not yet acknowledged (queued or in flight).</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Queues a measurement (taken now) for sending.</summary>
    public void Measure(byte[] payload)
    {
        var now = Stopwatch.GetTimestamp();
        _timeline.Published(now);
        Interlocked.Increment(ref _outstanding);
        lock (_gate)
        {
            if (_queue.Count >= _buffer && _waiting.Wait(0))
            {
                _queue.RemoveFirst();
                Interlocked.Decrement(ref _outstanding);
                _timeline.Dropped(now);
            }
        }

        Enqueue(new PendingMeasurement(payload, now), first: false);
    }

    /// <summary>Sends until <paramref name="stop"/>, reconnecting whenever the session is down.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!_device.IsConnected)
                {
                    if (await TryConnectAsync(stop).ConfigureAwait(false))
                    {
                        _timeline.Reconnected(Stopwatch.GetTimestamp());
                        backoff = TimeSpan.FromMilliseconds(250);
                    }
                    else
                    {
                        _timeline.FailedConnect(Stopwatch.GetTimestamp());
                        await Task.Delay(Jittered(backoff), stop).ConfigureAwait(false);
                        backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 4000));
                    }

                    continue;
                }

                await _waiting.WaitAsync(stop).ConfigureAwait(false);
                await _inFlight.WaitAsync(stop).ConfigureAwait(false);
                PendingMeasurement next;
                lock (_gate)
                {
                    next = _queue.First!.Value;
                    _queue.RemoveFirst();
                }

                _ = SendAsync(next);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken stop)
    {
        try
        {
            await _device.ConnectAsync(stop).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // Host still away (refused, reset) or the client still closing the old session: counted, tried again.
            return false;
        }
    }

    /// <summary>Connects the first time; throws when the broker refuses the device.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken) => _device.ConnectAsync(cancellationToken);

    public ValueTask DisposeAsync() => _device.DisposeAsync();

    private async Task SendAsync(PendingMeasurement measurement)
    {
        var sentAt = Stopwatch.GetTimestamp();
        var connected = _device.IsConnected;
        using var timeout = new CancellationTokenSource(_publishTimeout);
        try
        {
            var outcome = await _device.PublishMeasurementAsync(measurement.Payload, timeout.Token).ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            if (outcome.Accepted)
            {
                _timeline.Acknowledged(measurement.MeasuredAt, sentAt, now);
                Interlocked.Decrement(ref _outstanding);
                return;
            }

            _timeline.Refused(now);
            LogRefused(_logger, DeviceId, outcome.ReasonCode);
            Retry(measurement, TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No PUBACK: counted as a failure when the session stayed up (no answer in time), as an interruption when
            // it dropped with the publish in flight. Either way the device sends it again (once reconnected).
            if (timeout.IsCancellationRequested || (connected && _device.IsConnected))
            {
                _timeline.TimedOut(Stopwatch.GetTimestamp());
                LogNoAnswer(_logger, DeviceId, e.GetType().Name, e.Message);
            }
            else
            {
                _timeline.Interrupted(Stopwatch.GetTimestamp());
            }

            Retry(measurement, TimeSpan.Zero);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void Retry(PendingMeasurement measurement, TimeSpan after)
    {
        if (after <= TimeSpan.Zero)
        {
            Enqueue(measurement, first: true);
            return;
        }

        _ = Task.Delay(after).ContinueWith(_ => Enqueue(measurement, first: true), TaskScheduler.Default);
    }

    private void Enqueue(PendingMeasurement measurement, bool first)
    {
        lock (_gate)
        {
            if (first)
            {
                _queue.AddFirst(measurement);
            }
            else
            {
                _queue.AddLast(measurement);
            }
        }

        _waiting.Release();
    }

    private static TimeSpan Jittered(TimeSpan delay) =>
        TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));

    private sealed record PendingMeasurement(byte[] Payload, long MeasuredAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: publish refused ({ReasonCode}); sending it again")]
    private static partial void LogRefused(ILogger logger, string deviceId, string reasonCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: no PUBACK ({Exception}: {Reason}); sending it again")]
    private static partial void LogNoAnswer(ILogger logger, string deviceId, string exception, string reason);
}
