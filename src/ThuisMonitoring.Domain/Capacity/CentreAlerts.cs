using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Capacity;

/// <summary>
/// The centre's active alerts as the board counts them: open (not resolved) by level, how long the oldest unclaimed
/// one has waited, and how many urgent ones wait unclaimed beyond their response time. Unclaimed is as the
/// re-escalation rule reads it (<see cref="AlertBook.ReEscalateUnclaimed"/>): active, nobody holds it, and not
/// waiting for the responsible clinician after an escalation.
/// </summary>
public sealed record CentreAlerts(int Urgent, int Warning, int? OldestUnclaimedMinutes, int UrgentOverdue)
{
    public static CentreAlerts None { get; } = new(0, 0, null, 0);

    /// <param name="alerts">The centre's alerts (resolved ones are skipped).</param>
    /// <param name="urgentResponseTime">The response time of an urgent alert: the red response time of its patient's protocol.</param>
    /// <param name="now">The time the board is drawn at.</param>
    public static CentreAlerts Count(IEnumerable<Alert> alerts, Func<Alert, TimeSpan> urgentResponseTime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(urgentResponseTime);
        int urgent = 0, warning = 0, overdue = 0;
        TimeSpan? oldest = null;
        foreach (var alert in alerts.Where(a => a.IsActive))
        {
            if (alert.Level == Level.Red)
            {
                urgent++;
            }
            else
            {
                warning++;
            }

            if (!IsUnclaimed(alert))
            {
                continue;
            }

            var waited = now - alert.WaitingFrom;
            if (oldest is null || waited > oldest)
            {
                oldest = waited;
            }

            if (alert.Level == Level.Red && waited > urgentResponseTime(alert))
            {
                overdue++;
            }
        }

        return new CentreAlerts(urgent, warning, oldest is { } o ? (int)Math.Max(0, Math.Floor(o.TotalMinutes)) : null, overdue);
    }

    public static bool IsUnclaimed(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.IsActive && alert.ClaimedBy is null && alert.Escalation is not { IsPending: true };
    }
}
