namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Flags stored measurements once the evaluation knows what they were: an artefact of a continuous meter
/// (<c>sensor-off</c>, <c>low-perfusion</c>, <c>spo2-jump</c>: the InfluxDB <c>artefact</c> field becomes true) or the
/// <c>warm-up</c> at the start of a stream. Measurements are stored before they are evaluated (they are acknowledged
/// once durable), so the flag follows them.
/// </summary>
public interface IMeasurementFlags
{
    /// <summary>
    /// Flags the patient's measurements of the device at the flags' instants. The patient is the one the measurements
    /// were stored for (the grain's): stores look a flagged row up by patient and time, the index the patient's reads use.
    /// </summary>
    Task FlagAsync(string patientId, string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellationToken);
}

/// <summary>The flag of the device's measurement taken at <see cref="MeasuredAt"/>; <see cref="Artefact"/> for artefact kinds.</summary>
public sealed record MeasurementFlag(DateTimeOffset MeasuredAt, string Flag, bool Artefact);
