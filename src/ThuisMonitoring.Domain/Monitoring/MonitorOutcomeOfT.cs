namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What a <see cref="PatientMonitor"/> command decided: its <see cref="Result"/> for the caller (the transition, the
/// handover, the note...) and the <see cref="MonitorOutcome"/> the host carries out as for a measurement.
/// </summary>
public sealed record MonitorOutcome<T>(T Result, MonitorOutcome Outcome);
