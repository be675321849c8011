namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// SpO2 drop against the patient's own baseline: the median of the at-rest values of the last
/// <see cref="BaselineWindow"/>; a fall of at least <see cref="Points"/> is orange <c>spo2-drop</c>.
/// With fewer than <see cref="MinimumBaselineMeasurements"/> values there is no baseline yet.
/// </summary>
public sealed record BaselineDropRule(int Points, TimeSpan BaselineWindow, int MinimumBaselineMeasurements);
