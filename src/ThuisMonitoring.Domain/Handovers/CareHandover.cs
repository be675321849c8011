namespace ThuisMonitoring.Domain.Handovers;

/// <summary>
/// A warm handover of medical responsibility (hoofdbehandelaarschap) from one clinician to another, e.g. hospital
/// specialist to GP. Not to be confused with handing an alert to a colleague nurse (<c>AlertBook.HandOver</c>).
/// Pending until the receiver (<see cref="To"/>) accepts or declines it; until accepted <see cref="From"/> stays responsible.
/// </summary>
public sealed record CareHandover(
    string HandoverId,
    string From,
    string To,
    string? Note,
    DateTimeOffset RequestedAt,
    CareHandoverStatus Status = CareHandoverStatus.Pending,
    DateTimeOffset? DecidedAt = null,
    string? DecisionNote = null)
{
    public bool IsPending => Status == CareHandoverStatus.Pending;
}
