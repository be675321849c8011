using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Capacity;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// What the board of one centre is drawn from at one moment: its patients' episodes (those a nurse of the centre sees),
/// the nurses with a console open, the centre's active alerts with each urgent one's response time, and the
/// equipment with patients now.
/// </summary>
public sealed record CentreFacts(
    string Centre,
    DateTimeOffset At,
    IReadOnlyList<EpisodeSpan> Episodes,
    int NursesOnShift,
    IReadOnlyList<Alert> ActiveAlerts,
    IReadOnlyDictionary<string, TimeSpan> UrgentResponseTimes,
    int ConcentratorsHandedOut,
    int MetersHandedOut)
{
    public int PatientsInMonitoring => Episodes.Count(e => e.IsActive);

    public CentreAlerts Alerts => CentreAlerts.Count(ActiveAlerts, a => UrgentResponseTimes.TryGetValue(a.PatientId, out var time) ? time : TimeSpan.Zero, At);

    /// <summary>Equipment recorded at enrolment (a serial number) is with the patient while the episode is active.</summary>
    public static bool HoldsConcentrator(PatientRecord record) => !string.IsNullOrEmpty(record.ConcentratorSerial);

    public static bool HoldsMeter(PatientRecord record) => !string.IsNullOrEmpty(record.MeterSerial);
}
