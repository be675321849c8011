namespace ThuisMonitoring.Abstractions.TimeSeries;

/// <summary>One raw value of a vital sign, at measuredAt (UTC, millisecond precision).</summary>
public sealed record VitalValue(DateTimeOffset At, double Value);
