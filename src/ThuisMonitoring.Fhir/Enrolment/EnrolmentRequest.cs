using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Fhir.Enrolment;

/// <summary>What a valid enrolment Bundle asks for, with the index of each entry for the answer.</summary>
internal sealed record EnrolmentRequest(
    string Name,
    DateOnly BirthDate,
    string? Bsn,
    string? Phone,
    Pathway Pathway,
    string Clinician,
    double OxygenFlow,
    IReadOnlyList<WardValueRequest?> WardValues,
    DateTimeOffset ConsentGivenAt,
    int PatientEntry,
    int ServiceRequestEntry,
    int? ConsentEntry,
    IReadOnlyList<int> ObservationEntries);
