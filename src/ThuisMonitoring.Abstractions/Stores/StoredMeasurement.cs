using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// An accepted measurement with where it came from, as kept in the time-series store. <see cref="Flag"/> is what the
/// evaluation found it to be (<c>warm-up</c>, or an artefact kind, then <see cref="Artefact"/> is true); null: a plain measurement.
/// </summary>
public sealed record StoredMeasurement(
    string PatientId,
    string DeviceId,
    string? Organisation,
    DeviceKind Source,
    Measurement Measurement,
    DateTimeOffset ReceivedAt,
    bool Artefact = false,
    string? Flag = null);
