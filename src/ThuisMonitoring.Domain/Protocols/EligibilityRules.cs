namespace ThuisMonitoring.Domain.Protocols;

/// <summary>Entry criteria per pathway (PROTOCOL.md section 1).</summary>
public sealed record EligibilityRules(EarlyDischargeCriteria EarlyDischarge, EmergencyDepartmentCriteria EmergencyDepartment);

/// <summary>
/// Early discharge: stable for <see cref="StableFor"/> (no red, at most <see cref="MaxOrangeEvaluations"/> orange,
/// oxygen need not rising, respiratory rate at most <see cref="RespiratoryRateAtMost"/>) with SpO2 of at least
/// <see cref="Spo2AtLeast"/> on at most <see cref="MaxOxygenFlow"/> L/min.
/// </summary>
public sealed record EarlyDischargeCriteria(
    TimeSpan StableFor, int Spo2AtLeast, double MaxOxygenFlow, int RespiratoryRateAtMost, int MaxOrangeEvaluations);

/// <summary>
/// Emergency-department pathway: respiratory rate below <see cref="RespiratoryRateBelow"/>, SpO2 above
/// <see cref="Spo2Above"/> on at most <see cref="MaxOxygenFlow"/> L/min, past illness day <see cref="IllnessDayAfter"/>.
/// </summary>
public sealed record EmergencyDepartmentCriteria(int RespiratoryRateBelow, int Spo2Above, double MaxOxygenFlow, int IllnessDayAfter);
