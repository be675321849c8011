using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.DeviceSimulator.Devices;

namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// A device as a real one behaves when its platform restarts: measurements are queued on the device and sent with
/// QoS 1 while the session is up (a few in flight at once). A publish that got an error reason code is sent again a
/// second later on the same session. A publish that got no PUBACK (the connection broke, or no answer within the
/// publish timeout) means the session is dead: the device gives that session up (every publish still in flight on it
/// fails with it and is queued again), and reconnects by itself with a jittered exponential back-off
/// (<see cref="BackoffDelay"/>: 250 ms, doubling to 4 s) before sending anything again; MQTT allows a QoS 1 publish
/// to be sent again only on a new connection. Every outcome is counted on the <see cref="SecondTimeline"/>.
/// </summary>
public sealed partial class RetryingDevice : IAsyncDisposable
{
    /// <summary>The first reconnect back-off; it doubles with every failed attempt up to <see cref="LongestBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(4);

    private readonly SimulatedDevice _device;
    private readonly SecondTimeline _timeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _publishTimeout;
    private readonly TimeSpan _disconnectBound;
    private readonly LinkedList<PendingMeasurement> _queue = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _waiting = new(0);
    private readonly SemaphoreSlim _inFlight;
    private readonly int _buffer;
    private Session? _session;
    private long _outstanding;

    /// <summary>
    /// A device that keeps at most <paramref name="buffer"/> measurements waiting (the oldest is dropped when a new one
    /// is taken with the buffer full, as a device with a small memory does during a long outage). Giving a session up
    /// and the final disconnect wait at most <paramref name="disconnectBound"/> for the broker (default 5 s).
    /// </summary>
    public RetryingDevice(
        SimulatedDevice device, SecondTimeline timeline, ILogger logger, TimeSpan publishTimeout, int buffer = int.MaxValue, int maxInFlight = 4,
        TimeSpan? disconnectBound = null)
    {
        _buffer = buffer;
        _device = device;
        _timeline = timeline;
        _logger = logger;
        _publishTimeout = publishTimeout;
        _disconnectBound = disconnectBound ?? SimulatedDevice.DefaultDisconnectBound;
        _inFlight = new SemaphoreSlim(maxInFlight);
        _device.SessionLost += () => GiveUp(CurrentSession());
    }

    public string DeviceId => _device.DeviceId;

    /// <summary>Whether the device has a session it sends on (connected and not given up).</summary>
    public bool IsConnected => CurrentSession() is { IsOver: false } && _device.IsConnected;

    /// <summary>Measurements taken and not yet acknowledged (queued, in flight or waiting to be sent again).</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>
    /// Raised after every acknowledgement, failed attempt, session given up, reconnect and failed connect (on the task
    /// that saw it: keep it short). Lets a caller wait for a state instead of polling.
    /// </summary>
    public event Action? Changed;

    /// <summary>The wait before reconnect attempt <paramref name="failedAttempts"/> + 1: 250 ms doubling to 4 s, ±25 % jitter (<paramref name="random"/> in [0, 1)), kept within 250 ms – 4 s.</summary>
    public static TimeSpan BackoffDelay(int failedAttempts, double random)
    {
        var ceiling = Math.Min(LongestBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts, 16)));
        var jittered = ceiling * (0.75 + (0.5 * random));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, FirstBackoff.TotalMilliseconds, LongestBackoff.TotalMilliseconds));
    }

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

    /// <summary>Connects the first time; throws when the broker refuses the device.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _device.ConnectAsync(cancellationToken).ConfigureAwait(false);
        StartSession();
    }

    /// <summary>Sends until <paramref name="stop"/>, reconnecting (with back-off) whenever the session is given up or lost.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var session = CurrentSession();
                if (session is null || session.IsOver || !_device.IsConnected)
                {
                    GiveUp(session);
                    await ReconnectAsync(stop).ConfigureAwait(false);
                    continue;
                }

                // Waits end when the session is given up, so a dead session is never sent on.
                using var sending = CancellationTokenSource.CreateLinkedTokenSource(stop, session.Ended);
                try
                {
                    await _waiting.WaitAsync(sending.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    await _inFlight.WaitAsync(sending.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _waiting.Release();
                    if (stop.IsCancellationRequested)
                    {
                        throw;
                    }

                    continue;
                }

                PendingMeasurement? next = null;
                lock (_gate)
                {
                    // A session given up while this loop waited (its cancellation arrives asynchronously) is not sent
                    // on; checked under the lock, so a measurement queued again by its failure is never taken here.
                    if (!session.IsOver)
                    {
                        next = _queue.First!.Value;
                        _queue.RemoveFirst();
                    }
                }

                if (next is null)
                {
                    _inFlight.Release();
                    _waiting.Release();
                    continue;
                }

                _ = SendAsync(next, session);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>
    /// Waits (on <see cref="Changed"/>, no polling) until every measurement taken has been acknowledged, at most
    /// <paramref name="bound"/>; false when some are still outstanding then.
    /// </summary>
    public async Task<bool> WaitUntilAcknowledgedAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Outstanding == 0)
            {
                settled.TrySetResult();
            }
        }

        Changed += Check;
        try
        {
            Check();
            await settled.Task.WaitAsync(bound, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Changed -= Check;
        }
    }

    /// <summary>Ends the session (publishes still in flight fail) and disconnects, waiting at most the disconnect bound.</summary>
    public async ValueTask DisposeAsync()
    {
        var session = CurrentSession();
        if (session is not null && session.End())
        {
            await session.CancelAsync().ConfigureAwait(false);
        }

        await _device.DisposeAsync(_disconnectBound).ConfigureAwait(false);
    }

    private Session? CurrentSession()
    {
        lock (_gate)
        {
            return _session;
        }
    }

    private void StartSession()
    {
        lock (_gate)
        {
            _session = new Session();
        }
    }

    /// <summary>Gives <paramref name="session"/> up (once): its publishes in flight fail and the run loop reconnects.</summary>
    private void GiveUp(Session? session)
    {
        if (session is null || !session.End())
        {
            return;
        }

        LogSessionGivenUp(_logger, DeviceId);
        _ = session.CancelAsync();
        Changed?.Invoke();
    }

    private async Task ReconnectAsync(CancellationToken stop)
    {
        for (var failed = 0; ; failed++)
        {
            await Task.Delay(BackoffDelay(failed, Random.Shared.NextDouble()), stop).ConfigureAwait(false);
            await _device.ResetAsync(_disconnectBound).ConfigureAwait(false);
            try
            {
                await _device.ConnectAsync(stop).ConfigureAwait(false);
                StartSession();
                _timeline.Reconnected(Stopwatch.GetTimestamp());
                Changed?.Invoke();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // Host still away (refused, reset): counted, tried again after a longer wait.
                _timeline.FailedConnect(Stopwatch.GetTimestamp());
                LogConnectFailed(_logger, DeviceId, e.GetType().Name, e.Message);
                Changed?.Invoke();
            }
        }
    }

    private async Task SendAsync(PendingMeasurement measurement, Session session)
    {
        var sentAt = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(_publishTimeout);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, session.Ended);
        try
        {
            var outcome = await _device.PublishMeasurementAsync(measurement.Payload, attempt.Token).ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            if (outcome.Accepted)
            {
                _timeline.Acknowledged(measurement.MeasuredAt, sentAt, now, measurement.FailedAttempts);
                Interlocked.Decrement(ref _outstanding);
                return;
            }

            // The broker answered: the session is fine, the publish is sent again a second later.
            measurement.FailedAttempts++;
            _timeline.Refused(now);
            LogRefused(_logger, DeviceId, outcome.ReasonCode);
            _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => Enqueue(measurement, first: true), TaskScheduler.Default);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            measurement.FailedAttempts++;
            if (session.IsOver)
            {
                // The session was given up (or lost) with this publish in flight.
                _timeline.Interrupted(Stopwatch.GetTimestamp());
            }
            else if (timeout.IsCancellationRequested)
            {
                _timeline.TimedOut(Stopwatch.GetTimestamp());
                LogNoAnswer(_logger, DeviceId, _publishTimeout.TotalSeconds);
                GiveUp(session);
            }
            else
            {
                // The connection broke under the publish: the session is dead, whatever the client still reports.
                _timeline.Interrupted(Stopwatch.GetTimestamp());
                GiveUp(session);
            }

            Enqueue(measurement, first: true);
        }
        finally
        {
            _inFlight.Release();
            Changed?.Invoke();
        }
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

    private sealed class PendingMeasurement(byte[] payload, long measuredAt)
    {
        public byte[] Payload { get; } = payload;

        public long MeasuredAt { get; } = measuredAt;

        /// <summary>Attempts that were refused, unanswered or interrupted before the one that is acknowledged.</summary>
        public int FailedAttempts { get; set; }
    }

    /// <summary>One MQTT session of the device; ended once, when it is given up.</summary>
    private sealed class Session
    {
        private readonly CancellationTokenSource _ended = new();
        private int _over;

        public CancellationToken Ended => _ended.Token;

        public bool IsOver => Volatile.Read(ref _over) == 1;

        /// <summary>True for the one caller that ends it.</summary>
        public bool End() => Interlocked.Exchange(ref _over, 1) == 0;

        public Task CancelAsync() => _ended.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: publish refused ({ReasonCode}); sending it again")]
    private static partial void LogRefused(ILogger logger, string deviceId, string reasonCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: no PUBACK within {Seconds} s; giving the session up")]
    private static partial void LogNoAnswer(ILogger logger, string deviceId, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: session given up; reconnecting with back-off")]
    private static partial void LogSessionGivenUp(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {DeviceId}: reconnect failed ({Exception}: {Reason})")]
    private static partial void LogConnectFailed(ILogger logger, string deviceId, string exception, string reason);
}
