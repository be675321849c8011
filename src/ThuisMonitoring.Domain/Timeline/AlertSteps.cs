using System.Globalization;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Timeline;

/// <summary>
/// The steps in a patient's timeline between two states of an alert. Repeats of a reason (only the count and the latest
/// values change) are no step: the measurements are in the trend charts.
/// </summary>
public static class AlertSteps
{
    public static IEnumerable<(string Kind, string? By, string? Text, IReadOnlyDictionary<string, string>? Details)> Between(Alert? before, Alert after)
    {
        if (before is null)
        {
            yield return (TimelineKinds.AlertRaised, null, null, Describe(after));
            yield break;
        }

        if (after.Level > before.Level)
        {
            yield return (TimelineKinds.AlertLevelRaised, null, null, Describe(after));
        }

        if (before.Status == AlertStatus.Open && after.Status == AlertStatus.Acknowledged && after.AcknowledgedAt == after.UpdatedAt)
        {
            yield return (TimelineKinds.AlertAcknowledged, after.AcknowledgedBy, null, null);
        }

        if (before.ClaimedBy is null && after.ClaimedBy is { } claimer)
        {
            yield return (TimelineKinds.AlertClaimed, claimer, null, null);
        }

        if ((after.Calls?.Count ?? 0) > (before.Calls?.Count ?? 0))
        {
            var call = after.Calls![^1];
            var details = new Dictionary<string, string> { ["outcome"] = call.Outcome.ToCode() };
            if (call.RetryAt is { } retryAt)
            {
                details["retryAt"] = retryAt.ToString("O", CultureInfo.InvariantCulture);
            }

            foreach (var answer in call.Answers)
            {
                details["answer." + answer.StepId] = answer.Answer;
            }

            yield return (TimelineKinds.Call, call.By, call.Note, details);
        }

        if (before.ClaimedBy is { } held && after.ClaimedBy is null && after.IsActive)
        {
            yield return (TimelineKinds.AlertReleased, held, null, null);
        }

        if (before.ClaimedBy is { } from && after.ClaimedBy is { } to && from != to)
        {
            yield return (TimelineKinds.AlertHandedOver, from, null, new Dictionary<string, string> { ["to"] = to });
        }

        if (before.Escalation is null && after.Escalation is { } escalation)
        {
            yield return (TimelineKinds.Escalated, escalation.By, escalation.Note, new Dictionary<string, string>
            {
                ["to"] = escalation.To,
                ["emergency"] = escalation.Emergency ? "true" : "false",
            });
        }

        if (before.Escalation is { IsPending: true } && after.Escalation is { IsPending: false } accepted)
        {
            yield return (TimelineKinds.EscalationAccepted, accepted.AcceptedBy, accepted.AcceptNote, null);
        }

        if (after.ReEscalations > before.ReEscalations)
        {
            yield return (TimelineKinds.ReEscalated, null, null, new Dictionary<string, string>
            {
                ["times"] = after.ReEscalations.ToString(CultureInfo.InvariantCulture),
                ["level"] = after.Level.ToAlertCode(),
            });
        }

        if (before.IsActive && !after.IsActive)
        {
            yield return (TimelineKinds.AlertResolved, after.ResolvedBy, after.Note,
                after.Outcome is { } outcome ? new Dictionary<string, string> { ["outcome"] = outcome } : null);
        }
    }

    private static Dictionary<string, string> Describe(Alert alert) => new()
    {
        ["level"] = alert.Level.ToAlertCode(),
        ["reasons"] = string.Join(',', alert.Reasons),
    };
}
