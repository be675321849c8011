namespace ThuisMonitoring.Domain.Measurements;

/// <summary>
/// One canonical measurement of a patient, as accepted from a device or patient app.
/// Every vital sign is optional; at least one vital sign or <see cref="Feeling"/> is present.
/// </summary>
public sealed record Measurement(
    DateTimeOffset MeasuredAt,
    int? Spo2 = null,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    double? OxygenFlow = null,
    double? Temperature = null,
    double? PerfusionIndex = null,
    Feeling? Feeling = null,
    bool Exertion = false,
    string? MessageId = null)
{
    /// <summary>True when at least one vital sign or the feeling is present.</summary>
    public bool HasContent =>
        Spo2 is not null || HeartRate is not null || RespiratoryRate is not null || OxygenFlow is not null
        || Temperature is not null || PerfusionIndex is not null || Feeling is not null;
}
