namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// A versioned clinical protocol: every number the evaluation uses. The platform ships
/// <see cref="CovidOxygenProtocol.Default"/>; organisations and clinicians override it as data.
/// </summary>
public sealed record ProtocolDocument(
    string Name,
    string Version,
    VitalScoring RespiratoryRate,
    VitalScoring Spo2,
    VitalScoring HeartRate,
    VitalScoring Temperature,
    int SupplementalOxygenScore,
    int SingleParameterOrangeScore,
    int SingleParameterRedScore,
    int AggregateOrange,
    int AggregateRed,
    double MaxHomeOxygenFlow)
{
    /// <summary>"name@version", recorded with every alert so a clinician can see which rules fired.</summary>
    public string Id => $"{Name}@{Version}";
}
