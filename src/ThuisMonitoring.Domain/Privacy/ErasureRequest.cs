namespace ThuisMonitoring.Domain.Privacy;

/// <summary>
/// A request to erase a patient's data (AVG art. 17), under four eyes: requested by one person, approved (or
/// rejected) by another, then carried out. The request keeps the patient's pseudonymous id, never the name.
/// </summary>
public sealed record ErasureRequest(
    string ErasureId,
    string PatientId,
    string? Organisation,
    string Reason,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    ErasureStatus Status = ErasureStatus.Requested,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionNote = null,
    DateTimeOffset? CarriedOutAt = null,
    string? LastError = null)
{
    /// <summary>Approved by <paramref name="by"/>, who must not be the requester.</summary>
    public ErasureRequest Approve(string by, DateTimeOffset at) => Decide(by, at, ErasureStatus.Approved, null);

    /// <summary>Rejected by <paramref name="by"/> (another person, or the requester withdrawing their own request).</summary>
    public ErasureRequest Reject(string by, string? note, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireOpen();
        return this with { Status = ErasureStatus.Rejected, DecidedBy = by, DecidedAt = at, DecisionNote = note };
    }

    public ErasureRequest CarriedOut(DateTimeOffset at) =>
        Status == ErasureStatus.Approved
            ? this with { Status = ErasureStatus.CarriedOut, CarriedOutAt = at, LastError = null }
            : throw new ErasureDecisionException($"Erasure {ErasureId} is {Status.ToCode()}, not approved.", samePerson: false);

    public ErasureRequest Failed(string error) => this with { LastError = error };

    private ErasureRequest Decide(string by, DateTimeOffset at, ErasureStatus status, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireOpen();
        if (string.Equals(by, RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            throw new ErasureDecisionException(
                $"Erasure {ErasureId} was requested by {RequestedBy}: another admin or privacy officer must approve it (four eyes).", samePerson: true);
        }

        return this with { Status = status, DecidedBy = by, DecidedAt = at, DecisionNote = note };
    }

    private void RequireOpen()
    {
        if (Status != ErasureStatus.Requested)
        {
            throw new ErasureDecisionException($"Erasure {ErasureId} is already {Status.ToCode()}.", samePerson: false);
        }
    }
}
