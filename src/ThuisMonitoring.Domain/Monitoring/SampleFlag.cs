namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What to store beside one measurement of a continuous meter: <c>warm-up</c> or an artefact kind
/// (<c>sensor-off</c>, <c>low-perfusion</c>, <c>spo2-jump</c>); <see cref="Artefact"/> for the artefact kinds.
/// </summary>
public sealed record SampleFlag(DateTimeOffset MeasuredAt, string Flag, bool Artefact);
