namespace ThuisMonitoring.Domain.Episodes;

/// <summary>Per-patient overrides of protocol numbers, set by the responsible clinician.</summary>
public sealed record ThresholdOverrides(double? MaxHomeOxygenFlow = null);
