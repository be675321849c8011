namespace ThuisMonitoring.Domain.Calls;

/// <summary>
/// The case sent to the responsible clinician (<see cref="To"/>, a username) by a nurse after a call. Pending until the
/// clinician accepts it (takes the case over), which resolves the alert. <see cref="Emergency"/> marks an ambulance or
/// ED referral: the clinician is informed of a case that is already resolved.
/// </summary>
public sealed record Escalation(
    string To,
    string By,
    DateTimeOffset At,
    string? Note,
    bool Emergency = false,
    string? AcceptedBy = null,
    DateTimeOffset? AcceptedAt = null,
    string? AcceptNote = null)
{
    public bool IsPending => AcceptedAt is null;
}
