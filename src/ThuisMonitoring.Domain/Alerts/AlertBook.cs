using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Alerts;

/// <summary>
/// The alerts of one patient. Guarantees no alert storm: at most one active (open or acknowledged) alert
/// per reason. Reasons that fire together go into one alert; a repeat of a reason updates the alert that
/// owns it, and a higher level escalates that same alert.
/// </summary>
public sealed class AlertBook
{
    private readonly List<Alert> _alerts;
    private readonly Action<Alert?, Alert>? _changed;

    /// <param name="alerts">The alerts so far.</param>
    /// <param name="changed">Told of every change (before, after; before is null for a new alert), e.g. for the timeline.</param>
    public AlertBook(IEnumerable<Alert>? alerts = null, Action<Alert?, Alert>? changed = null)
    {
        _alerts = alerts?.ToList() ?? [];
        _changed = changed;
    }

    public IReadOnlyList<Alert> All => _alerts;

    public IEnumerable<Alert> Active => _alerts.Where(a => a.IsActive);

    public Alert? Find(string alertId) => _alerts.Find(a => a.AlertId == alertId);

    /// <summary>Applies the non-green findings of an evaluation; returns the alerts that were raised or changed.</summary>
    public IReadOnlyList<Alert> Apply(Evaluation evaluation, string patientId, DateTimeOffset now, Func<string> newAlertId)
    {
        var findings = evaluation.Findings.Where(f => f.Level != Level.Green).ToList();
        if (findings.Count == 0)
        {
            return [];
        }

        var changed = new List<Alert>();
        var unowned = new List<Finding>();
        foreach (var group in findings.GroupBy(f => OwnerOf(f)?.AlertId))
        {
            if (group.Key is null)
            {
                unowned.AddRange(group);
                continue;
            }

            var index = _alerts.FindIndex(a => a.AlertId == group.Key);
            changed.Add(Replace(Update(_alerts[index], [.. group], evaluation, now)));
        }

        if (unowned.Count > 0)
        {
            if (changed.Count > 0)
            {
                // Reasons that fire alongside an active alert join it rather than start a second call.
                var target = changed[0];
                changed[0] = Replace(Update(target, unowned, evaluation, now, countRepeat: false));
            }
            else
            {
                var alert = new Alert(
                    AlertId: newAlertId(),
                    PatientId: patientId,
                    Level: MaxLevel(unowned),
                    Reasons: unowned.Select(f => f.Reason).Distinct().ToList(),
                    LatestFindings: unowned,
                    RaisedAt: now,
                    UpdatedAt: now,
                    TriggeredByMeasurementAt: evaluation.Measurement.MeasuredAt,
                    TriggeredByMessageId: evaluation.Measurement.MessageId,
                    ProtocolId: evaluation.ProtocolId,
                    Count: 1,
                    Status: AlertStatus.Open,
                    WaitingSince: now,
                    Holds: evaluation.Holds is { Count: > 0 } holds ? holds : null);
                _alerts.Add(alert);
                _changed?.Invoke(null, alert);
                changed.Add(alert);
            }
        }

        return changed;
    }

    /// <summary>
    /// A nurse has seen the alert and is working it. Acknowledging implies claiming: the nurse who acknowledges an
    /// unclaimed alert becomes its claimer, and an alert claimed by a colleague cannot be acknowledged by someone else
    /// (they would be working the same alert).
    /// </summary>
    public Alert Acknowledge(string alertId, string by, DateTimeOffset now)
    {
        var alert = Require(alertId);
        if (alert.Status != AlertStatus.Open)
        {
            throw new AlertTransitionException($"Alert {alertId} is {alert.Status.ToCode()}, only an open alert can be acknowledged.");
        }

        RequireNotClaimedByOther(alert, by);
        return Replace(alert with
        {
            Status = AlertStatus.Acknowledged,
            AcknowledgedBy = by,
            AcknowledgedAt = now,
            ClaimedBy = by,
            ClaimedAt = alert.ClaimedBy == by ? alert.ClaimedAt : now,
            UpdatedAt = now,
        });
    }

    /// <summary>
    /// A nurse takes the alert so no colleague works it at the same time. Claiming again by the claimer changes
    /// nothing; claiming an alert a colleague holds, or a resolved alert, is refused.
    /// </summary>
    public Alert Claim(string alertId, string by, DateTimeOffset now)
    {
        var alert = Require(alertId);
        RequireActive(alert, "claimed");
        RequireNotClaimedByOther(alert, by);
        if (alert.ClaimedBy == by)
        {
            return alert;
        }

        return Replace(alert with { ClaimedBy = by, ClaimedAt = now, UpdatedAt = now });
    }

    /// <summary>The claimer lets the alert go back to the queue for anyone to pick up.</summary>
    public Alert Unclaim(string alertId, string by, DateTimeOffset now)
    {
        var alert = Require(alertId);
        RequireActive(alert, "released");
        RequireClaimer(alert, by);
        return Replace(alert with { ClaimedBy = null, ClaimedAt = null, UpdatedAt = now, WaitingSince = now });
    }

    /// <summary>The claimer hands the alert to a colleague, who becomes its claimer (e.g. at the end of a shift).</summary>
    public Alert HandOver(string alertId, string by, string to, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var alert = Require(alertId);
        RequireActive(alert, "handed over");
        RequireClaimer(alert, by);
        if (to == by)
        {
            throw new AlertTransitionException($"Alert {alertId} is already claimed by {by}; hand it over to a colleague.");
        }

        return Replace(alert with { ClaimedBy = to, ClaimedAt = now, UpdatedAt = now });
    }

    /// <summary>The alert is dealt with; the outcome is recorded.</summary>
    public Alert Resolve(string alertId, string by, string outcome, string? note, DateTimeOffset now)
    {
        var alert = Require(alertId);
        if (alert.Status == AlertStatus.Resolved)
        {
            throw new AlertTransitionException($"Alert {alertId} is already resolved.");
        }

        return Replace(Resolved(alert, by, outcome, note, now));
    }

    private static Alert Resolved(Alert alert, string by, string outcome, string? note, DateTimeOffset now) => alert with
    {
        Status = AlertStatus.Resolved,
        ResolvedBy = by,
        ResolvedAt = now,
        Outcome = outcome,
        Note = note,
        UpdatedAt = now,
    };

    /// <summary>
    /// The nurse called the patient about the alert. Calling implies claiming (refused when a colleague holds the alert
    /// or it is resolved). <see cref="CallOutcome.ResolvedAtHome"/> resolves it; <see cref="CallOutcome.EmergencyReferral"/>
    /// resolves it and informs <paramref name="responsibleClinician"/>; <see cref="CallOutcome.Escalated"/> sends it to
    /// them (pending until they take it over); <see cref="CallOutcome.Unreachable"/> releases it to the queue, to be
    /// called again at the retry time (from which it waits again); <see cref="CallOutcome.Remeasure"/> keeps it with a
    /// call-back time.
    /// </summary>
    public Alert RecordCall(string alertId, CallReport report, CallRules rules, string responsibleClinician, DateTimeOffset now, Func<string> newCallId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(report.By);
        var alert = Require(alertId);
        RequireActive(alert, "called about");
        RequireNotClaimedByOther(alert, report.By);
        if (report.Outcome is CallOutcome.Escalated && alert.Escalation is { IsPending: true } pending)
        {
            throw new AlertTransitionException($"Alert {alertId} is already escalated to {pending.To}.");
        }

        DateTimeOffset? retryAt = report.Outcome switch
        {
            CallOutcome.Unreachable => now + rules.RetryFor(alert.Level),
            CallOutcome.Remeasure => now + rules.RemeasureCallBack,
            _ => null,
        };
        var call = new CallRecord(newCallId(), report.By, now, report.Outcome, report.Note, report.Answers, retryAt);
        var worked = alert with
        {
            Calls = [.. alert.Calls ?? [], call],
            Status = AlertStatus.Acknowledged,
            AcknowledgedBy = alert.AcknowledgedBy ?? report.By,
            AcknowledgedAt = alert.AcknowledgedAt ?? now,
            ClaimedBy = report.By,
            ClaimedAt = alert.ClaimedBy == report.By ? alert.ClaimedAt : now,
            RetryAt = retryAt,
            UpdatedAt = now,
        };
        return Replace(report.Outcome switch
        {
            CallOutcome.ResolvedAtHome => Resolved(worked, report.By, report.Outcome.ToCode(), report.Note, now),
            CallOutcome.EmergencyReferral => Resolved(worked, report.By, report.Outcome.ToCode(), report.Note, now) with
            {
                Escalation = new Escalation(responsibleClinician, report.By, now, report.Note, Emergency: true),
            },
            CallOutcome.Escalated => worked with { Escalation = new Escalation(responsibleClinician, report.By, now, report.Note) },
            CallOutcome.Unreachable => worked with { ClaimedBy = null, ClaimedAt = null, WaitingSince = retryAt },
            _ => worked,
        });
    }

    /// <summary>
    /// The clinician an escalation is addressed to takes the case over: the alert is resolved (an emergency referral,
    /// already resolved, is only marked as seen). Refused when there is no pending escalation or it is someone else's.
    /// </summary>
    public Alert AcceptEscalation(string alertId, string by, string? note, DateTimeOffset now)
    {
        var alert = Require(alertId);
        if (alert.Escalation is not { IsPending: true } escalation)
        {
            throw new AlertTransitionException($"Alert {alertId} has no escalation waiting for a clinician.");
        }

        var accepted = alert with
        {
            Escalation = escalation with { AcceptedBy = by, AcceptedAt = now, AcceptNote = note },
            UpdatedAt = now,
        };
        return Replace(accepted.IsActive ? Resolved(accepted, by, CallOutcome.Escalated.ToCode(), note, now) : accepted);
    }

    /// <summary>
    /// Raises again every active alert nobody has claimed (and that is not with a clinician) once it has waited the
    /// protocol's time for its level since it started waiting or was last raised again; returns those alerts.
    /// </summary>
    public IReadOnlyList<Alert> ReEscalateUnclaimed(CallRules rules, DateTimeOffset now)
    {
        var raised = new List<Alert>();
        foreach (var alert in _alerts.Where(a => a.IsActive && a.ClaimedBy is null && a.Escalation is not { IsPending: true }).ToList())
        {
            var since = alert.ReEscalatedAt is { } last && last > alert.WaitingFrom ? last : alert.WaitingFrom;
            if (now - since >= rules.UnclaimedFor(alert.Level))
            {
                raised.Add(Replace(alert with { ReEscalations = alert.ReEscalations + 1, ReEscalatedAt = now, UpdatedAt = now }));
            }
        }

        return raised;
    }

    /// <summary>
    /// The active alert a finding belongs to: one with the same reason, or with a finding on the same vital sign,
    /// so SpO2 falling from the orange to the red band escalates the alert already open rather than opening a second.
    /// </summary>
    private Alert? OwnerOf(Finding finding) => _alerts.Find(a =>
        a.IsActive && (a.Reasons.Contains(finding.Reason) || a.LatestFindings.Any(f => f.Parameter == finding.Parameter)));

    private static void RequireActive(Alert alert, string step)
    {
        if (!alert.IsActive)
        {
            throw new AlertTransitionException($"Alert {alert.AlertId} is resolved and cannot be {step}.");
        }
    }

    private static void RequireNotClaimedByOther(Alert alert, string by)
    {
        if (alert.ClaimedBy is { } claimer && claimer != by)
        {
            throw new AlertTransitionException($"Alert {alert.AlertId} is already claimed by {claimer}.");
        }
    }

    private static void RequireClaimer(Alert alert, string by)
    {
        if (alert.ClaimedBy != by)
        {
            throw new AlertTransitionException(alert.ClaimedBy is null
                ? $"Alert {alert.AlertId} is not claimed."
                : $"Alert {alert.AlertId} is claimed by {alert.ClaimedBy}, not by {by}.");
        }
    }

    private Alert Require(string alertId) =>
        Find(alertId) ?? throw new AlertTransitionException($"Alert {alertId} does not exist.");

    /// <summary>
    /// Escalations still waiting for <paramref name="from"/> go to <paramref name="to"/> (responsibility was handed over).
    /// Returns the changed alerts.
    /// </summary>
    public IReadOnlyList<Alert> ReaddressEscalations(string from, string to, DateTimeOffset now)
    {
        var changed = new List<Alert>();
        foreach (var alert in _alerts.Where(a => a.Escalation is { IsPending: true } e && string.Equals(e.To, from, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            changed.Add(Replace(alert with { Escalation = alert.Escalation! with { To = to }, UpdatedAt = now }));
        }

        return changed;
    }

    private Alert Replace(Alert alert)
    {
        var index = _alerts.FindIndex(a => a.AlertId == alert.AlertId);
        var before = _alerts[index];
        _alerts[index] = alert;
        if (!ReferenceEquals(before, alert))
        {
            _changed?.Invoke(before, alert);
        }

        return alert;
    }

    private static Alert Update(Alert alert, IReadOnlyList<Finding> findings, Evaluation evaluation, DateTimeOffset now, bool countRepeat = true)
    {
        var level = MaxLevel(findings);
        var reasons = alert.Reasons.Concat(findings.Select(f => f.Reason)).Distinct().ToList();
        var latest = alert.LatestFindings.Where(f => findings.All(n => n.Parameter != f.Parameter)).Concat(findings).ToList();
        return alert with
        {
            Level = level > alert.Level ? level : alert.Level,
            Reasons = reasons,
            LatestFindings = latest,
            Count = countRepeat ? alert.Count + 1 : alert.Count,
            UpdatedAt = now,
            TriggeredByMeasurementAt = evaluation.Measurement.MeasuredAt,
            TriggeredByMessageId = evaluation.Measurement.MessageId,
            ProtocolId = evaluation.ProtocolId,
            Holds = WithHolds(alert.Holds, evaluation.Holds),
        };
    }

    // The first hold of each rule and level stays: it is what made the alert (or its rise) happen.
    private static IReadOnlyList<HoldEvidence>? WithHolds(IReadOnlyList<HoldEvidence>? kept, IReadOnlyList<HoldEvidence>? added)
    {
        if (added is not { Count: > 0 })
        {
            return kept;
        }

        var holds = kept?.ToList() ?? [];
        holds.AddRange(added.Where(a => !holds.Any(h => h.Parameter == a.Parameter && h.Level == a.Level)));
        return holds;
    }

    private static Level MaxLevel(IEnumerable<Finding> findings) => findings.Max(f => f.Level);
}
