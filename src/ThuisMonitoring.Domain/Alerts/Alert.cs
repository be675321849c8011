using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Alerts;

/// <summary>
/// An alert for the monitoring centre. It records which protocol raised it and from which measurement,
/// so a clinician can answer "why did this fire?". Repeats update it (<see cref="Count"/>, latest values);
/// its level only rises while it is not resolved. <see cref="ClaimedBy"/> names the one nurse working it,
/// so two nurses never call the same patient for the same alert. <see cref="Calls"/> are the nurse's calls about it;
/// <see cref="Escalation"/> is the case sent to the responsible clinician. An unclaimed alert waits from
/// <see cref="WaitingSince"/> (raised, released, or the retry time after an unreachable call); when it waits longer than
/// the protocol allows it is raised again (<see cref="ReEscalations"/>, <see cref="ReEscalatedAt"/>). An alert of a
/// continuous meter keeps, per rule and level that escalated, the window and samples that made it hold (<see cref="Holds"/>).
/// </summary>
public sealed record Alert(
    string AlertId,
    string PatientId,
    Level Level,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<Finding> LatestFindings,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset TriggeredByMeasurementAt,
    string? TriggeredByMessageId,
    string ProtocolId,
    int Count,
    AlertStatus Status,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null,
    string? Outcome = null,
    string? Note = null,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedAt = null,
    IReadOnlyList<CallRecord>? Calls = null,
    Escalation? Escalation = null,
    DateTimeOffset? RetryAt = null,
    DateTimeOffset? WaitingSince = null,
    int ReEscalations = 0,
    DateTimeOffset? ReEscalatedAt = null,
    IReadOnlyList<HoldEvidence>? Holds = null)
{
    public bool IsActive => Status != AlertStatus.Resolved;

    /// <summary>Since when the alert waits for a nurse: stored, or (for alerts stored before it existed) when it was raised.</summary>
    public DateTimeOffset WaitingFrom => WaitingSince ?? RaisedAt;
}
