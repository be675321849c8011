namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>
/// One measurement object as a device publishes it (CONTRACT section 2). Absent fields are left out of the JSON.
/// </summary>
public sealed record DeviceMeasurement(
    DateTimeOffset MeasuredAt,
    string? MessageId = null,
    int? Spo2 = null,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    double? OxygenFlow = null,
    double? Temperature = null,
    double? PerfusionIndex = null,
    string? Feeling = null,
    bool? Exertion = null);
