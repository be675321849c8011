namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>
/// A request that a district-nursing team take a patient (CONTRACT section 10): sent by a member of staff who sees the
/// patient, to one team, with the care needed; answered once by a coordinator of the team's organisation.
/// </summary>
public sealed record IntakeRequest(
    string IntakeId,
    string PatientId,
    string TeamId,
    string TeamOrganisation,
    string Need,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    IntakeStatus Status = IntakeStatus.Requested,
    string? AnsweredBy = null,
    DateTimeOffset? AnsweredAt = null,
    string? AnswerNote = null)
{
    /// <summary>The team's answer; refused with <see cref="IntakeAnswerException"/> when the request was answered already.</summary>
    public IntakeRequest Answer(bool accept, string by, string? note, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (Status != IntakeStatus.Requested)
        {
            throw new IntakeAnswerException($"Intake request {IntakeId} was {Status.ToCode()} already.");
        }

        return this with
        {
            Status = accept ? IntakeStatus.Accepted : IntakeStatus.Declined,
            AnsweredBy = by,
            AnsweredAt = at,
            AnswerNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
    }
}
