using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Who the patient is: the identity part of an enrolment, for lists and look-ups. <see cref="Phone"/> is the number
/// the monitoring centre calls (free text as the nurse would dial it; null when not given).
/// </summary>
public sealed record PatientRecord(
    string PatientId,
    string Name,
    DateOnly BirthDate,
    string? Identifier,
    Pathway Pathway,
    string ResponsibleClinician,
    string? Organisation,
    DateTimeOffset EnrolledAt,
    string? Phone = null);
