using ThuisMonitoring.Abstractions.TimeSeries;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The trend of one vital sign of one patient over [from, to]: raw values when the range is at most 24 h
/// (<see cref="Resolution"/> "raw", <see cref="Values"/>), per-minute mean/min/max beyond that ("minute",
/// <see cref="Aggregates"/>); the other list is empty. <see cref="Bands"/> are the patient's effective protocol bands
/// of the sign, ascending, so a chart can shade them.
/// </summary>
public sealed record VitalTrendDto(
    string PatientId,
    string Sign,
    string Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    string Resolution,
    IReadOnlyList<VitalValueDto> Values,
    IReadOnlyList<VitalAggregateDto> Aggregates,
    string ProtocolId,
    IReadOnlyList<VitalBandDto> Bands);

/// <summary>One raw value at <paramref name="At"/> (UTC).</summary>
public sealed record VitalValueDto(DateTimeOffset At, double Value)
{
    public static VitalValueDto From(VitalValue v) => new(v.At, v.Value);
}

/// <summary>The values of the UTC minute starting at <paramref name="Minute"/>.</summary>
public sealed record VitalAggregateDto(DateTimeOffset Minute, double Mean, double Min, double Max, long Count)
{
    public static VitalAggregateDto From(VitalAggregate a) => new(a.Minute, a.Mean, a.Min, a.Max, a.Count);
}

/// <summary>
/// A protocol band: values above <paramref name="Above"/> (null: no lower bound) up to and including
/// <paramref name="UpTo"/> (null: no upper bound) score <paramref name="Score"/>; <paramref name="Level"/> is what that
/// score alone raises (green, orange or red by the protocol's single-parameter scores).
/// </summary>
public sealed record VitalBandDto(double? Above, double? UpTo, int Score, string Level);
