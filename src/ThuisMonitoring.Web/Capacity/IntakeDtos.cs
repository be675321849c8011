using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.DistrictNursing;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>Body of <c>POST /api/patients/{patientId}/intake</c>: the team asked and the care needed.</summary>
public sealed record IntakeRequestBody(string? TeamId, string? Need);

/// <summary>Body of the team's answer (<c>/accept</c>, <c>/decline</c>): an optional note.</summary>
public sealed record IntakeAnswerBody(string? Note);

/// <summary>
/// An intake request as its sender and the receiving team see it: the patient's name and address (so the team can
/// plan the visit), the team, the need and the answer.
/// </summary>
public sealed record IntakeDto(
    string IntakeId,
    string PatientId,
    string PatientName,
    string? Address,
    string? Postcode,
    string TeamId,
    string TeamName,
    string TeamOrganisation,
    string Need,
    string Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    string? AnswerNote)
{
    public static IntakeDto From(IntakeRequest intake, PatientRecord patient, string teamName)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(patient);
        return new(intake.IntakeId, intake.PatientId, patient.Name, patient.Address, Domain.DistrictNursing.Postcode.InAddress(patient.Address),
            intake.TeamId, teamName, intake.TeamOrganisation, intake.Need, intake.Status.ToCode(), intake.RequestedBy, intake.RequestedAt,
            intake.AnsweredBy, intake.AnsweredAt, intake.AnswerNote);
    }
}
