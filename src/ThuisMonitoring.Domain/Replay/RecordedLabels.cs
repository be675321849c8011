using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>
/// Labelled events derived from what the platform recorded about a patient, so a replay over recorded measurements can
/// report sensitivity and false alerts, not only alert counts. Three decisions of people count as a deterioration:
/// <list type="bullet">
/// <item><c>readmission</c>: the clinician moved the episode to readmitted. Any alert at orange or higher in the
/// <see cref="ReadmissionLookBack"/> before the decision detects it (its time to escalate is below zero: the warning's
/// lead).</item>
/// <item><c>escalation-accepted</c>: a nurse escalated an alert to the responsible clinician, who took the case over.</item>
/// <item><c>emergency-referral</c>: a nurse sent the patient to the emergency department or called an ambulance.</item>
/// </list>
/// For the last two the onset is when the recorded alert escalated (the earliest of its raise, its triggering
/// measurement and the end of its held windows); an alert of any rule at the recorded alert's level or higher detects it
/// from <see cref="EscalationLookBack"/> before that onset until the decision (so a draft that holds shorter may detect
/// it earlier, one that holds longer must still be in time for the decision). Alerts resolved at home, or escalations a
/// clinician never took over, are no labels: nobody confirmed a deterioration.
/// </summary>
public static class RecordedLabels
{
    public const string Readmission = "readmission";
    public const string EscalationAccepted = "escalation-accepted";
    public const string EmergencyReferral = "emergency-referral";

    public static readonly TimeSpan ReadmissionLookBack = TimeSpan.FromHours(24);
    public static readonly TimeSpan EscalationLookBack = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The labels whose onset lies within <paramref name="from"/>..<paramref name="to"/>, in seconds from
    /// <paramref name="traceStart"/> (the first replayed measurement), in time order.
    /// </summary>
    public static IReadOnlyList<ExpectedEscalation> Of(
        IReadOnlyList<Alert> alerts, IReadOnlyList<EpisodeTransition> transitions, DateTimeOffset from, DateTimeOffset to, DateTimeOffset traceStart)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(transitions);
        var labels = new List<(DateTimeOffset Onset, ExpectedEscalation Label)>();
        int Seconds(DateTimeOffset at) => (int)Math.Floor((at - traceStart).TotalSeconds);

        foreach (var readmission in transitions.Where(t => t.To == EpisodeState.Readmitted))
        {
            labels.Add((readmission.At, new ExpectedEscalation(
                ExpectedEscalation.AnyRule, Level.Orange, Seconds(readmission.At), 0, Seconds(readmission.At - ReadmissionLookBack), Readmission)));
        }

        foreach (var alert in alerts)
        {
            var (kind, decidedAt) = Decision(alert);
            if (kind is null)
            {
                continue;
            }

            var onset = OnsetOf(alert);
            labels.Add((onset, new ExpectedEscalation(
                ExpectedEscalation.AnyRule, alert.Level, Seconds(onset), Math.Max(0, Seconds(decidedAt) - Seconds(onset)), Seconds(onset - EscalationLookBack), kind)));
        }

        return [.. labels.Where(l => l.Onset >= from && l.Onset <= to).OrderBy(l => l.Onset).Select(l => l.Label)];
    }

    private static (string? Kind, DateTimeOffset At) Decision(Alert alert)
    {
        if (alert.Calls?.FirstOrDefault(c => c.Outcome == CallOutcome.EmergencyReferral) is { } referral)
        {
            return (EmergencyReferral, referral.At);
        }

        return alert.Escalation is { AcceptedAt: { } accepted, Emergency: false } ? (EscalationAccepted, accepted) : (null, default);
    }

    private static DateTimeOffset OnsetOf(Alert alert)
    {
        var onset = alert.RaisedAt < alert.TriggeredByMeasurementAt ? alert.RaisedAt : alert.TriggeredByMeasurementAt;
        foreach (var hold in alert.Holds ?? [])
        {
            onset = hold.To < onset ? hold.To : onset;
        }

        return onset;
    }
}
