using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Web.Api;

/// <summary>Body of <c>POST /api/auth/token</c>; <c>totp</c> is the 6-digit code of a user with a second factor.</summary>
public sealed record TokenRequest(string? Username, string? Password, string? Totp = null);

/// <summary>A login's tokens: <c>expiresIn</c> (seconds) is the access token's, <c>refreshExpiresIn</c> the login's.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string Username, string Role, string DisplayName)
{
    public required string RefreshToken { get; init; }

    public required int RefreshExpiresIn { get; init; }
}

public sealed record CreateUserRequest(string? Username, string? Password, string? Role, string? DisplayName, string? Organisation, string? AgbCode = null);

public sealed record ThresholdsRequest(double? MaxHomeOxygenFlow);

public sealed record EnrolPatientRequest(
    string? Name,
    string? BirthDate,
    string? Identifier,
    string? Pathway,
    string? ResponsibleClinician,
    double? OxygenFlow,
    ThresholdsRequest? Thresholds,
    IReadOnlyList<WardValueRequest?>? WardValues = null,
    bool? ClinicallyImproving = null,
    bool? CanMeasureAndReport = null,
    bool? ConcentratorAtHome = null,
    bool? HaemodynamicallyStable = null,
    int? IllnessDay = null,
    bool? InvasiveVentilationPolicy = null,
    string? Phone = null,
    ConsentRequest? Consent = null,
    string? Bsn = null,
    string? Address = null,
    string? ConcentratorSerial = null,
    string? MeterSerial = null);

/// <summary>A ward value posted with an early-discharge enrolment: the measurement object of CONTRACT section 2.</summary>
public sealed record WardValueRequest(
    string? MeasuredAt,
    int? Spo2,
    int? HeartRate,
    int? RespiratoryRate,
    double? OxygenFlow,
    double? Temperature,
    double? PerfusionIndex,
    string? Feeling,
    bool? Exertion);

public sealed record BindDeviceRequest(string? DeviceId, string? Kind);

/// <summary>Answer of a binding; a patient app also gets a one-time code to pair with (CONTRACT section 6).</summary>
public sealed record BindDeviceResponse(
    string DeviceId,
    string Secret,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PairingCode = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? PairingUrl = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PairingExpiresAt = null);

public sealed record ResolveAlertRequest(string? Outcome, string? Note);

/// <summary>Body of POST /api/alerts/{id}/handover: the username of the nurse who takes the alert over.</summary>
public sealed record HandOverAlertRequest(string? To);

public sealed record MeasurementDto(
    DateTimeOffset MeasuredAt,
    int? Spo2,
    int? HeartRate,
    int? RespiratoryRate,
    double? OxygenFlow,
    double? Temperature,
    double? PerfusionIndex,
    string? Feeling,
    bool Exertion,
    string? MessageId)
{
    public static MeasurementDto From(Measurement m) => new(
        m.MeasuredAt, m.Spo2, m.HeartRate, m.RespiratoryRate, m.OxygenFlow, m.Temperature, m.PerfusionIndex,
        m.Feeling?.ToCode(), m.Exertion, m.MessageId);
}

public sealed record PatientDto(
    string PatientId,
    string Name,
    DateOnly BirthDate,
    string? Identifier,
    string Pathway,
    string ResponsibleClinician,
    string? Organisation,
    DateTimeOffset EnrolledAt,
    string State,
    string Level,
    double OxygenFlow,
    int? News2,
    MeasurementDto? LastMeasurement,
    IReadOnlyList<AdviceDto> Advice,
    EligibilityDto? Eligibility,
    IReadOnlyList<TransitionDto> Transitions,
    string? Phone,
    DateTimeOffset? NextMeasurementDue,
    string? ResponsibleClinicianName = null,
    string? Address = null,
    string? ConcentratorSerial = null,
    string? MeterSerial = null);

public sealed record FindingDto(string Reason, string Level, string Parameter, double? Value)
{
    public static FindingDto From(Finding f) => new(f.Reason, f.Level.ToCode(), f.Parameter, f.Value);
}

public sealed record AlertDto(
    string AlertId,
    string PatientId,
    string? PatientName,
    string Level,
    IReadOnlyList<string> Reasons,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    string Status,
    int Count,
    IReadOnlyList<FindingDto> Findings,
    string Protocol,
    DateTimeOffset MeasuredAt,
    string? MessageId,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Outcome,
    string? Note,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    IReadOnlyList<CallDto> Calls,
    EscalationDto? Escalation,
    DateTimeOffset? RetryAt,
    DateTimeOffset? WaitingSince,
    int ReEscalations,
    DateTimeOffset? ReEscalatedAt,
    IReadOnlyList<HoldDto>? Holds = null)
{
    /// <summary>
    /// The alert as the API shows it. <c>waitingSince</c> is set only while the alert waits for a nurse (active and
    /// unclaimed); <paramref name="escalatedToName"/> is the display name of the clinician it was escalated to,
    /// <paramref name="escalatedByName"/> that of the nurse who escalated it.
    /// </summary>
    public static AlertDto From(Alert a, string? patientName, string? escalatedToName = null, string? escalatedByName = null) => new(
        a.AlertId, a.PatientId, patientName, a.Level.ToAlertCode(), a.Reasons, a.RaisedAt, a.UpdatedAt, a.Status.ToCode(),
        a.Count, a.LatestFindings.Select(FindingDto.From).ToList(), a.ProtocolId, a.TriggeredByMeasurementAt,
        a.TriggeredByMessageId, a.AcknowledgedBy, a.AcknowledgedAt, a.ResolvedBy, a.ResolvedAt, a.Outcome, a.Note,
        a.ClaimedBy, a.ClaimedAt,
        a.Calls?.Select(CallDto.From).ToList() ?? [],
        a.Escalation is { } escalation ? EscalationDto.From(escalation, escalatedToName, escalatedByName) : null,
        a.RetryAt,
        a.IsActive && a.ClaimedBy is null ? a.WaitingFrom : null,
        a.ReEscalations,
        a.ReEscalatedAt,
        a.Holds?.Select(HoldDto.Of).ToList());
}

/// <summary>Why a continuous rule escalated: the rule, its band held from <c>from</c> to <c>to</c> (its window), the samples of that stretch.</summary>
public sealed record HoldDto(string Parameter, string Reason, string Level, DateTimeOffset From, DateTimeOffset To, double WindowSeconds, IReadOnlyList<HoldSampleDto> Samples)
{
    public static HoldDto Of(Domain.Continuous.HoldEvidence h) => new(
        h.Parameter, h.Reason, h.Level.ToCode(), h.From, h.To, h.Window.TotalSeconds,
        h.Samples.Select(s => new HoldSampleDto(s.At, s.Spo2, s.HeartRate, s.RespiratoryRate)).ToList());
}

/// <summary>One sample of a hold's stretch.</summary>
public sealed record HoldSampleDto(DateTimeOffset At, int? Spo2, int? HeartRate, int? RespiratoryRate);
