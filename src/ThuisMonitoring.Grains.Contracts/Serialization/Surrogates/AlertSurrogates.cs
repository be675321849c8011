using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="Alert"/>.</summary>
[GenerateSerializer]
public struct AlertSurrogate
{
    [Id(0)] public string AlertId;
    [Id(1)] public string PatientId;
    [Id(2)] public Level Level;
    [Id(3)] public string[] Reasons;
    [Id(4)] public Finding[] LatestFindings;
    [Id(5)] public DateTimeOffset RaisedAt;
    [Id(6)] public DateTimeOffset UpdatedAt;
    [Id(7)] public DateTimeOffset TriggeredByMeasurementAt;
    [Id(8)] public string? TriggeredByMessageId;
    [Id(9)] public string ProtocolId;
    [Id(10)] public int Count;
    [Id(11)] public AlertStatus Status;
    [Id(12)] public string? AcknowledgedBy;
    [Id(13)] public DateTimeOffset? AcknowledgedAt;
    [Id(14)] public string? ResolvedBy;
    [Id(15)] public DateTimeOffset? ResolvedAt;
    [Id(16)] public string? Outcome;
    [Id(17)] public string? Note;
    [Id(18)] public string? ClaimedBy;
    [Id(19)] public DateTimeOffset? ClaimedAt;
    [Id(20)] public CallRecord[]? Calls;
    [Id(21)] public Escalation? Escalation;
    [Id(22)] public DateTimeOffset? RetryAt;
    [Id(23)] public DateTimeOffset? WaitingSince;
    [Id(24)] public int ReEscalations;
    [Id(25)] public DateTimeOffset? ReEscalatedAt;
    [Id(26)] public HoldEvidence[]? Holds;
}

[RegisterConverter]
public sealed class AlertConverter : IConverter<Alert, AlertSurrogate>
{
    public Alert ConvertFromSurrogate(in AlertSurrogate surrogate) => new(
        surrogate.AlertId,
        surrogate.PatientId,
        surrogate.Level,
        surrogate.Reasons,
        surrogate.LatestFindings,
        surrogate.RaisedAt,
        surrogate.UpdatedAt,
        surrogate.TriggeredByMeasurementAt,
        surrogate.TriggeredByMessageId,
        surrogate.ProtocolId,
        surrogate.Count,
        surrogate.Status,
        surrogate.AcknowledgedBy,
        surrogate.AcknowledgedAt,
        surrogate.ResolvedBy,
        surrogate.ResolvedAt,
        surrogate.Outcome,
        surrogate.Note,
        surrogate.ClaimedBy,
        surrogate.ClaimedAt,
        surrogate.Calls,
        surrogate.Escalation,
        surrogate.RetryAt,
        surrogate.WaitingSince,
        surrogate.ReEscalations,
        surrogate.ReEscalatedAt,
        surrogate.Holds);

    public AlertSurrogate ConvertToSurrogate(in Alert value) => new()
    {
        AlertId = value.AlertId,
        PatientId = value.PatientId,
        Level = value.Level,
        Reasons = WireCollections.ToArray(value.Reasons),
        LatestFindings = WireCollections.ToArray(value.LatestFindings),
        RaisedAt = value.RaisedAt,
        UpdatedAt = value.UpdatedAt,
        TriggeredByMeasurementAt = value.TriggeredByMeasurementAt,
        TriggeredByMessageId = value.TriggeredByMessageId,
        ProtocolId = value.ProtocolId,
        Count = value.Count,
        Status = value.Status,
        AcknowledgedBy = value.AcknowledgedBy,
        AcknowledgedAt = value.AcknowledgedAt,
        ResolvedBy = value.ResolvedBy,
        ResolvedAt = value.ResolvedAt,
        Outcome = value.Outcome,
        Note = value.Note,
        ClaimedBy = value.ClaimedBy,
        ClaimedAt = value.ClaimedAt,
        Calls = WireCollections.ToArray(value.Calls),
        Escalation = value.Escalation,
        RetryAt = value.RetryAt,
        WaitingSince = value.WaitingSince,
        ReEscalations = value.ReEscalations,
        ReEscalatedAt = value.ReEscalatedAt,
        Holds = WireCollections.ToArray(value.Holds),
    };
}
