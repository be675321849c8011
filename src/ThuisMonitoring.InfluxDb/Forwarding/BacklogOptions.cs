namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// <c>TimeSeries:Backlog</c>: how many stored measurements may wait for InfluxDB before operators are alarmed.
/// The backlog is the measurement store itself (on disk), so ingestion never stops for it; the bound is the
/// operators' signal that the disk and the catch-up time are at stake.
/// </summary>
public sealed class BacklogOptions
{
    public const string Section = "TimeSeries:Backlog";

    /// <summary>The bound, in measurements.</summary>
    public long Max { get; set; } = 1_000_000;

    /// <summary>An error is logged when the backlog passes this fraction of <see cref="Max"/>.</summary>
    public double AlarmFraction { get; set; } = 0.8;

    /// <summary>How often the backlog is counted (and the alarm repeated while it stands).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AlarmRepeat { get; set; } = TimeSpan.FromMinutes(5);

    internal long AlarmAt => (long)Math.Ceiling(Max * AlarmFraction);
}
