using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>An accepted measurement with where it came from, as kept in the time-series store.</summary>
public sealed record StoredMeasurement(
    string PatientId,
    string DeviceId,
    string? Organisation,
    DeviceKind Source,
    Measurement Measurement,
    DateTimeOffset ReceivedAt,
    bool Artefact = false);
