namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>Whether the host saves the patient's monitoring state after a <see cref="PatientMonitor"/> call.</summary>
public enum MonitorSave
{
    /// <summary>Nothing that needs saving changed.</summary>
    None,

    /// <summary>
    /// Only the last values (and the streams' windows) changed: the measurements are already durable in the measurement
    /// store, so the host may batch the save; after a crash it evaluates what the saved state had not seen again.
    /// </summary>
    Batch,

    /// <summary>An alert, advice, due-time decision or anything a clinician did changed: save before carrying on.</summary>
    Now,
}
