using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>What the episode remembers of one evaluated measurement: the values the trend rules need and its level.</summary>
public sealed record VitalRecord(
    DateTimeOffset MeasuredAt,
    int? Spo2,
    int? RespiratoryRate,
    int? HeartRate,
    double OxygenFlow,
    bool Exertion,
    Level Level);
