namespace ThuisMonitoring.Domain.Privacy;

/// <summary>
/// The patient's informed consent to telemonitoring (AVG art. 6/9, WGBO art. 7:450): when it was given, who recorded
/// it, and — once withdrawn — when, by whom and why. Monitoring needs consent that is not withdrawn.
/// </summary>
public sealed record Consent(
    string Scope,
    DateTimeOffset GivenAt,
    string RecordedBy,
    DateTimeOffset? WithdrawnAt = null,
    string? WithdrawnBy = null,
    string? WithdrawalReason = null)
{
    /// <summary>The one scope there is: remote monitoring of vital signs by the monitoring centre.</summary>
    public const string Telemonitoring = "telemonitoring";

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>Consent withdrawn at <paramref name="at"/>; refused when it was already withdrawn.</summary>
    public Consent Withdraw(string by, string? reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (IsWithdrawn)
        {
            throw new InvalidOperationException($"Consent was already withdrawn at {WithdrawnAt:O} by {WithdrawnBy}.");
        }

        return this with { WithdrawnAt = at, WithdrawnBy = by, WithdrawalReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() };
    }
}
