using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Who the patient is: the identity part of an enrolment, for lists and look-ups. <see cref="Phone"/> is the number
/// the monitoring centre calls (free text as the nurse would dial it; null when not given). <see cref="Consent"/> is the
/// patient's consent to telemonitoring (null only for patients enrolled before consent was recorded). The address and
/// the serial numbers of the concentrator and meter handed out are recorded at enrolment in the console (optional).
/// <see cref="ResponsibleClinician"/> changes with an accepted handover of responsibility.
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
    string? Phone = null,
    Consent? Consent = null,
    string? Address = null,
    string? ConcentratorSerial = null,
    string? MeterSerial = null);
