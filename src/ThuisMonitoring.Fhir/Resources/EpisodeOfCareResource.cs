using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// The home-monitoring episode as an R4 EpisodeOfCare (id = the patient's id: one episode per enrolment): status, period,
/// pathway as type (finished once ended or readmitted), the responsible clinician as care manager.
/// </summary>
public static class EpisodeOfCareResource
{
    public static EpisodeOfCare From(PatientRecord record, EpisodeSnapshot? episode)
    {
        var state = episode?.State ?? EpisodeState.Monitoring;
        var finished = state is EpisodeState.Ended or EpisodeState.Readmitted;
        var ended = finished ? episode?.Transitions?.LastOrDefault(t => t.To == state) : null;
        var care = new EpisodeOfCare
        {
            Id = record.PatientId,
            Status = finished ? EpisodeOfCare.EpisodeOfCareStatus.Finished : EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(CodeSystems.Pathway, record.Pathway.ToCode())],
            Patient = References.Patient(record.PatientId),
            ManagingOrganization = References.Organization(record.Organisation),
            Period = new Period(new FhirDateTime(record.EnrolledAt.ToUniversalTime()), ended is not null ? new FhirDateTime(ended.At.ToUniversalTime()) : null),
            CareManager = References.Practitioner(record.ResponsibleClinician),
        };
        var lastChange = episode?.Transitions?.Select(t => t.At).DefaultIfEmpty(record.EnrolledAt).Max() ?? record.EnrolledAt;
        return care.Stamped(lastChange > record.EnrolledAt ? lastChange : record.EnrolledAt);
    }
}
