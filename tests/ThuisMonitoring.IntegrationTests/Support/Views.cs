namespace ThuisMonitoring.IntegrationTests.Support;

// The parts of the API's answers (notes/api.md) these tests read; the tests keep their own view of the contract
// rather than borrowing the host's DTO types.

/// <summary>A staff member who can sign in.</summary>
public sealed record StaffMember(string Username, string Password, string Role);

/// <summary>An enrolled patient, the responsible clinician and the device bound to the patient.</summary>
public sealed record AdmittedPatient(string PatientId, string Name, StaffMember Clinician, BoundDevice Device);

/// <summary>A device binding: the secret is shown only once, when the device is bound.</summary>
public sealed record BoundDevice(string DeviceId, string Secret)
{
    public string MeasurementsTopic => $"thuismonitoring/v1/devices/{DeviceId}/measurements";

    public string StatusTopic => $"thuismonitoring/v1/devices/{DeviceId}/status";

    public string FeedbackTopic => $"thuismonitoring/v1/devices/{DeviceId}/feedback";

    public string ErrorsTopic => $"thuismonitoring/v1/devices/{DeviceId}/errors";
}

public sealed record PatientView(
    string PatientId,
    string Name,
    string BirthDate,
    string Pathway,
    string ResponsibleClinician,
    string State,
    string Level,
    double OxygenFlow,
    MeasurementView? LastMeasurement);

public sealed record MeasurementView(
    DateTimeOffset MeasuredAt,
    int? Spo2,
    int? HeartRate,
    int? RespiratoryRate,
    double? OxygenFlow,
    double? Temperature,
    string? Feeling,
    string? MessageId);

public sealed record AlertView(
    string AlertId,
    string PatientId,
    string? PatientName,
    string Level,
    IReadOnlyList<string> Reasons,
    DateTimeOffset RaisedAt,
    string Status,
    int Count,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ResolvedBy,
    DateTimeOffset? ResolvedAt,
    string? Outcome,
    string? Note);

/// <summary>RFC 9457 problem details.</summary>
public sealed record ProblemView(string? Title, int? Status, string? Detail);
