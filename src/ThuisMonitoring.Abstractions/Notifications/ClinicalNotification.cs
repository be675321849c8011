namespace ThuisMonitoring.Abstractions.Notifications;

/// <summary>
/// A message for a person outside the console (mail, SMS, pager) through the notification hook: an escalation to the
/// responsible clinician, an emergency referral they must know of, or an unclaimed alert raised again to the shift lead.
/// <see cref="Recipient"/> is a clinician's username or <see cref="ShiftLead"/>.
/// </summary>
public sealed record ClinicalNotification(
    string NotificationId,
    string Kind,
    string Recipient,
    string PatientId,
    string? AlertId,
    string Level,
    IReadOnlyList<string> Reasons,
    string? By,
    string? Note,
    DateTimeOffset At)
{
    // The kinds and the shift lead are the domain's (Domain.Monitoring.Notice), which decides who is notified of what.
    public const string Escalation = Domain.Monitoring.Notice.Escalation;
    public const string EmergencyReferral = Domain.Monitoring.Notice.EmergencyReferral;
    public const string ReEscalation = Domain.Monitoring.Notice.ReEscalation;

    /// <summary>The recipient of re-escalations: whoever leads the shift (the hook's configuration says how to reach them).</summary>
    public const string ShiftLead = Domain.Monitoring.Notice.ShiftLead;
}
