namespace ThuisMonitoring.Abstractions.TimeSeries;

/// <summary>The values of one vital sign within one minute (UTC, starting at <paramref name="Minute"/>).</summary>
public sealed record VitalAggregate(DateTimeOffset Minute, double Mean, double Min, double Max, long Count);
