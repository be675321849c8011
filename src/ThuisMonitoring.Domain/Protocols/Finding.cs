namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// One rule that fired: its reason code, level and the value that made it fire. <see cref="Reference"/> is what the
/// value was compared with when that is not a fixed band: the patient's baseline, or the last value at rest.
/// </summary>
public sealed record Finding(string Reason, Level Level, string Parameter, double? Value, double? Reference = null);
