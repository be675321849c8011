namespace ThuisMonitoring.IntegrationTests.Vitals;

/// <summary>GET /api/patients/{id}/vitals as the tests read it.</summary>
public sealed record VitalTrendView(
    string PatientId,
    string Sign,
    string Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    string Resolution,
    IReadOnlyList<VitalValueView> Values,
    IReadOnlyList<VitalAggregateView> Aggregates,
    string ProtocolId,
    IReadOnlyList<VitalBandView> Bands);

public sealed record VitalValueView(DateTimeOffset At, double Value);

public sealed record VitalAggregateView(DateTimeOffset Minute, double Mean, double Min, double Max, long Count);

public sealed record VitalBandView(double? Above, double? UpTo, int Score, string Level);
