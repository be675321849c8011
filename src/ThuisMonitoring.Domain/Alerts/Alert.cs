using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Alerts;

/// <summary>
/// An alert for the monitoring centre. It records which protocol raised it and from which measurement,
/// so a clinician can answer "why did this fire?". Repeats update it (<see cref="Count"/>, latest values);
/// its level only rises while it is not resolved. <see cref="ClaimedBy"/> names the one nurse working it,
/// so two nurses never call the same patient for the same alert.
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
    DateTimeOffset? ClaimedAt = null)
{
    public bool IsActive => Status != AlertStatus.Resolved;
}
