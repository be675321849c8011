using System.Diagnostics;

namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// Per-second tallies of a run, counted from its start (a Stopwatch timestamp): PUBACK latencies by the second the
/// attempt was sent, measurement-to-PUBACK latencies by the second the measurement was taken, acknowledgements,
/// failures, interruptions and reconnects by the second they happened. Safe to use from many tasks at once.
/// </summary>
public sealed class SecondTimeline
{
    private readonly Lock _gate = new();
    private readonly List<Second> _seconds = [];
    private long _startedAt;

    public SecondTimeline(long startedAt) => _startedAt = startedAt;

    /// <summary>Starts counting again from <paramref name="startedAt"/>, forgetting what was counted before.</summary>
    public void Restart(long startedAt)
    {
        lock (_gate)
        {
            _startedAt = startedAt;
            _seconds.Clear();
        }
    }

    /// <summary>The second (from the start) of a Stopwatch timestamp; negative before the start.</summary>
    public int SecondOf(long timestamp) => (int)Math.Floor(Stopwatch.GetElapsedTime(_startedAt, timestamp).TotalSeconds);

    public void Published(long at) => Update(at, s => s.Published++);

    /// <summary>A measurement acknowledged after <paramref name="failedAttempts"/> attempts that were refused, unanswered or interrupted.</summary>
    public void Acknowledged(long measuredAt, long sentAt, long ackedAt, int failedAttempts = 0)
    {
        var puback = Stopwatch.GetElapsedTime(sentAt, ackedAt).TotalMilliseconds;
        var delivery = Stopwatch.GetElapsedTime(measuredAt, ackedAt).TotalMilliseconds;
        Update(ackedAt, s =>
        {
            s.Acknowledged++;
            s.FailedAttempts += failedAttempts;
        });
        Update(sentAt, s => s.Puback.Add(puback));
        Update(measuredAt, s => s.Delivery.Add(delivery));
    }

    /// <summary>The broker answered the publish with an error reason code.</summary>
    public void Refused(long at) => Update(at, s => s.Refused++);

    /// <summary>No PUBACK within the device's publish timeout while the session stayed up.</summary>
    public void TimedOut(long at) => Update(at, s => s.TimedOut++);

    /// <summary>The session dropped with the publish in flight (the device sends it again after reconnecting).</summary>
    public void Interrupted(long at) => Update(at, s => s.Interrupted++);

    /// <summary>The device's buffer was full: its oldest waiting measurement was given up.</summary>
    public void Dropped(long at) => Update(at, s => s.Dropped++);

    public void Reconnected(long at) => Update(at, s => s.Reconnects++);

    public void FailedConnect(long at) => Update(at, s => s.FailedConnects++);

    /// <summary>A reading taken every second: devices without a session and measurements waiting on the devices.</summary>
    public void Sample(long at, int disconnected, long queued) => Update(at, s =>
    {
        s.Disconnected = Math.Max(s.Disconnected, disconnected);
        s.Queued = Math.Max(s.Queued, queued);
    });

    /// <summary>The seconds from 0 to the last one with anything in it.</summary>
    public IReadOnlyList<SecondFigures> Figures()
    {
        lock (_gate)
        {
            return _seconds.Select((s, i) => s.Figures(i)).ToList();
        }
    }

    private void Update(long at, Action<Second> change)
    {
        lock (_gate)
        {
            var index = Math.Max(0, SecondOf(at));
            while (_seconds.Count <= index)
            {
                _seconds.Add(new Second());
            }

            change(_seconds[index]);
        }
    }

    private sealed class Second
    {
        public long Published;
        public long Acknowledged;
        public long FailedAttempts;
        public long Refused;
        public long TimedOut;
        public long Interrupted;
        public long Reconnects;
        public long Dropped;
        public long FailedConnects;
        public int Disconnected;
        public long Queued;
        public readonly List<double> Puback = [];
        public readonly List<double> Delivery = [];

        public SecondFigures Figures(int second)
        {
            var puback = Puback.ToArray();
            var delivery = Delivery.ToArray();
            Array.Sort(puback);
            Array.Sort(delivery);
            return new SecondFigures(
                second, Published, Acknowledged, puback.Length, Percentile(puback, 50), Percentile(puback, 99),
                Percentile(delivery, 99), Refused, TimedOut, Interrupted, Dropped, Reconnects, FailedConnects, Disconnected, Queued, FailedAttempts);
        }

        private static double? Percentile(double[] sorted, double percent) =>
            sorted.Length == 0 ? null : Math.Round(Load.LatencySummary.Percentile(sorted, percent), 1);
    }
}

/// <summary>
/// One second of a restart run. <see cref="Sent"/> (publishes sent in this second and acknowledged),
/// <see cref="PubackP50Ms"/> and <see cref="PubackP99Ms"/> are of the publishes sent in this second; <see cref="DeliveryP99Ms"/> is measurement taken → PUBACK of the measurements taken in
/// it (includes the time queued on the device while the host was away); the counts are of what happened in it.
/// <see cref="FailedAttempts"/> are the refused, unanswered and interrupted attempts of the measurements acknowledged
/// in this second (each attempt is also in <see cref="Refused"/>, <see cref="TimedOut"/> or <see cref="Interrupted"/>
/// of the second it failed in).
/// </summary>
public sealed record SecondFigures(
    int Second,
    long Published,
    long Acknowledged,
    long Sent,
    double? PubackP50Ms,
    double? PubackP99Ms,
    double? DeliveryP99Ms,
    long Refused,
    long TimedOut,
    long Interrupted,
    long Dropped,
    long Reconnects,
    long FailedConnects,
    int Disconnected,
    long Queued,
    long FailedAttempts = 0)
{
    /// <summary>What the device saw as a failed publish: an error reason code or no answer in time.</summary>
    public long Failures => Refused + TimedOut;
}
