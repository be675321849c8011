namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// How a run came through the host's restart: from the timeline and the marks the benchmark script wrote (host
/// stopped, host ready again), the first second from which every later second had its PUBACK p99 under the target
/// and no failed publish, and how long after the host was ready that was.
/// </summary>
public static class RestartRecovery
{
    /// <summary>
    /// The recovery of <paramref name="seconds"/> (a run's timeline) from a stop at <paramref name="stoppedAt"/> and a
    /// host ready again at <paramref name="readyAt"/> (seconds of the timeline), up to <paramref name="lastSecond"/>
    /// (the last second measurements were taken in).
    /// </summary>
    public static RecoveryFigures From(IReadOnlyList<SecondFigures> seconds, double stoppedAt, double readyAt, int lastSecond, double targetP99Ms)
    {
        var stopSecond = (int)Math.Floor(stoppedAt);
        var before = seconds.Where(s => s.Second < stopSecond && s.PubackP99Ms is not null).ToList();
        var after = seconds.Where(s => s.Second >= stopSecond && s.Second <= lastSecond).ToList();

        // Walk back from the end: the earliest second after which nothing was slow or failed.
        int? recoveredAt = null;
        for (var i = after.Count - 1; i >= 0; i--)
        {
            var s = after[i];
            var good = s.Failures == 0 && (s.PubackP99Ms is null ? s.Second < readyAt || s.Published == 0 : s.PubackP99Ms < targetP99Ms);
            if (!good)
            {
                break;
            }

            if (s.PubackP99Ms is not null)
            {
                recoveredAt = s.Second;
            }
        }

        var afterReady = after.Where(s => s.Second >= Math.Floor(readyAt)).ToList();
        return new RecoveryFigures(
            Math.Round(stoppedAt, 2),
            Math.Round(readyAt, 2),
            Math.Round(readyAt - stoppedAt, 2),
            targetP99Ms,
            recoveredAt,
            recoveredAt is { } r ? Math.Round(Math.Max(0, r + 1 - readyAt), 2) : null,
            recoveredAt is { } r2 ? Math.Round(r2 + 1 - stoppedAt, 2) : null,
            before.Count == 0 ? null : before.Max(s => s.PubackP99Ms),
            afterReady.Where(s => s.PubackP99Ms is not null).Select(s => s.PubackP99Ms).DefaultIfEmpty(null).Max(),
            after.Sum(s => s.Failures),
            seconds.Sum(s => s.Failures));
    }
}

/// <summary>
/// A run's recovery from the restart, in seconds of the timeline. <see cref="RecoveredSecondsAfterReady"/> is from the
/// host being ready again (its /health/ready answering) to the end of the first second from which every second had a
/// PUBACK p99 under <see cref="TargetP99Ms"/> and no failed publish; null when that never happened before the end.
/// </summary>
public sealed record RecoveryFigures(
    double StoppedAtSecond,
    double ReadyAtSecond,
    double HostAwaySeconds,
    double TargetP99Ms,
    int? RecoveredAtSecond,
    double? RecoveredSecondsAfterReady,
    double? RecoveredSecondsAfterStop,
    double? WorstPubackP99BeforeStopMs,
    double? WorstPubackP99AfterReadyMs,
    long FailuresAfterStop,
    long Failures);
