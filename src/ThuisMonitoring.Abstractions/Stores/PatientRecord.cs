using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Who the patient is: the identity part of an enrolment, for lists and look-ups.</summary>
public sealed record PatientRecord(
    string PatientId,
    string Name,
    DateOnly BirthDate,
    string? Identifier,
    Pathway Pathway,
    string ResponsibleClinician,
    string? Organisation,
    DateTimeOffset EnrolledAt);
