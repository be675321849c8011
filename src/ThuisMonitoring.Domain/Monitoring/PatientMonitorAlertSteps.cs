using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// The nurses' and clinicians' steps on one alert, entry points like the commands: acknowledge, claim, release, hand
/// over, resolve and accept an escalation (a call is <see cref="RecordCall"/>). Each returns the alert as it is now,
/// with one <see cref="MonitorOutcome"/> whose only changed alert it is, saved now, for the host to publish.
/// </summary>
/// <remarks>
/// The rules are the <see cref="AlertBook"/>'s, and so are the refusals (<see cref="AlertTransitionException"/>: a
/// colleague's claim, a resolved alert, no escalation waiting); a refused step changes nothing. A claim by the nurse who
/// already holds the alert changes nothing either, but is saved and published like any step, as it always was.
/// The host checks that the patient is enrolled before calling.
/// </remarks>
public sealed partial class PatientMonitor
{
    /// <summary>A nurse has seen the alert and works it; acknowledging claims it (<see cref="AlertBook.Acknowledge"/>).</summary>
    public MonitorOutcome<Alert> Acknowledge(string alertId, string by, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.Acknowledge(alertId, by, now));

    /// <summary>A nurse takes the alert so no colleague works it at the same time (<see cref="AlertBook.Claim"/>).</summary>
    public MonitorOutcome<Alert> Claim(string alertId, string by, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.Claim(alertId, by, now));

    /// <summary>The claimer lets the alert go back to the queue, where it waits again from now (<see cref="AlertBook.Unclaim"/>).</summary>
    public MonitorOutcome<Alert> Unclaim(string alertId, string by, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.Unclaim(alertId, by, now));

    /// <summary>The claimer hands the alert to a colleague, who becomes its claimer (<see cref="AlertBook.HandOver"/>).</summary>
    public MonitorOutcome<Alert> HandOver(string alertId, string by, string to, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.HandOver(alertId, by, to, now));

    /// <summary>The alert is dealt with; <paramref name="outcome"/> and the note are recorded (<see cref="AlertBook.Resolve"/>).</summary>
    public MonitorOutcome<Alert> Resolve(string alertId, string by, string outcome, string? note, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.Resolve(alertId, by, outcome, note, now));

    /// <summary>
    /// The clinician an escalation is addressed to takes the case over, which resolves the alert (an emergency referral
    /// is only marked as seen; <see cref="AlertBook.AcceptEscalation"/>). It notifies nobody.
    /// </summary>
    public MonitorOutcome<Alert> AcceptEscalation(string alertId, string by, string? note, DateTimeOffset now) =>
        Worked(RequireEpisode().Alerts.AcceptEscalation(alertId, by, note, now));

    private static MonitorOutcome<Alert> Worked(Alert alert) => new(alert, Saved with { ChangedAlerts = [alert] });
}
