using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// A patient's row of the overview (<see cref="PatientDto"/>) from the directory record and the read model
/// (<see cref="PatientSummary"/>): the same shape as <c>GET /api/patients/{id}</c>, without asking the patient's grain.
/// </summary>
public static class PatientRows
{
    public static PatientDto Of(PatientRecord record, PatientSummary summary, string? clinicianName, DateTimeOffset now) => new(
        record.PatientId, record.Name, record.BirthDate, record.Identifier, record.Pathway.ToCode(),
        record.ResponsibleClinician, record.Organisation, record.EnrolledAt,
        summary.State.ToCode(),
        summary.Level.ToCode(),
        summary.OxygenFlow,
        summary.News2,
        summary.LastMeasurement is { } last ? MeasurementDto.From(last) : null,
        [.. summary.OpenAdvice.Select(AdviceDto.From)],
        summary.Eligibility is { } eligibility ? EligibilityDto.From(eligibility) : null,
        [.. summary.Transitions.Select(TransitionDto.Of)],
        record.Phone,
        summary.NextMeasurementDue(now),
        clinicianName,
        record.Address,
        record.ConcentratorSerial,
        record.MeterSerial);
}
