namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// The default "covid-oxygen" protocol: NEWS2 (Royal College of Physicians, 2017) without blood pressure and
/// consciousness, SpO2 scale 1, and the Dutch early-discharge maximum of 3 L/min at home.
/// See docs/protocol.md for every number and its source.
/// </summary>
public static class CovidOxygenProtocol
{
    public static ProtocolDocument Default { get; } = new(
        Name: "covid-oxygen",
        Version: "1",
        RespiratoryRate: new VitalScoring([new(8, 3), new(11, 1), new(20, 0), new(24, 2), new(null, 3)]),
        Spo2: new VitalScoring([new(91, 3), new(93, 2), new(95, 1), new(null, 0)]),
        HeartRate: new VitalScoring([new(40, 3), new(50, 1), new(90, 0), new(110, 1), new(130, 2), new(null, 3)]),
        Temperature: new VitalScoring([new(35.0, 3), new(36.0, 1), new(38.0, 0), new(39.0, 1), new(null, 2)]),
        SupplementalOxygenScore: 2,
        SingleParameterOrangeScore: 2,
        SingleParameterRedScore: 3,
        AggregateOrange: 5,
        AggregateRed: 7,
        MaxHomeOxygenFlow: 3.0);
}
