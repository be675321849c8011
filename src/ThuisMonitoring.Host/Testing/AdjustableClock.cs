namespace ThuisMonitoring.Host.Testing;

/// <summary>
/// The test clock (<c>Testing:AdjustableClock=true</c>): the system's time plus an offset that only moves forward.
/// Timers and timestamps (durations) stay real; only "what time is it" jumps, so a test can make five minutes pass
/// for the protocol without waiting them.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by <paramref name="by"/> (never back: stored times must not run backwards).</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return GetUtcNow();
    }
}
