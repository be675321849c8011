using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// A message for a person outside the console (mail, SMS, pager) that a monitor decision asks for: an escalation to the
/// responsible clinician, an emergency referral they must know of, or an unclaimed alert raised again to the shift lead.
/// <see cref="Recipient"/> is a clinician's username or <see cref="ShiftLead"/>; the host queues it in its outbox.
/// </summary>
public sealed record Notice(string Kind, string Recipient, Alert Alert, string? By, string? Note, DateTimeOffset At)
{
    /// <summary>A nurse escalated the case to the responsible clinician, who takes it over.</summary>
    public const string Escalation = "escalation";

    /// <summary>A nurse referred the patient to the ambulance or emergency department; the clinician is informed.</summary>
    public const string EmergencyReferral = "emergency-referral";

    /// <summary>An alert nobody claimed in time, raised again.</summary>
    public const string ReEscalation = "re-escalation";

    /// <summary>The recipient of re-escalations: whoever leads the shift (the hook's configuration says how to reach them).</summary>
    public const string ShiftLead = "shift-lead";
}
