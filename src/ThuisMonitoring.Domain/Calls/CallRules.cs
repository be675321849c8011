namespace ThuisMonitoring.Domain.Calls;

/// <summary>
/// The protocol's rules for calling patients: when an unclaimed alert is raised again to every console and the shift
/// lead, when an unreachable patient is called again, when a nurse calls back after asking for a re-measurement, and
/// the call scripts.
/// </summary>
public sealed record CallRules(
    TimeSpan RedUnclaimed,
    TimeSpan OrangeUnclaimed,
    TimeSpan RedRetry,
    TimeSpan OrangeRetry,
    TimeSpan RemeasureCallBack,
    IReadOnlyList<CallScript> Scripts)
{
    /// <summary>
    /// The scripts for an alert's reasons: each script covering one of the reasons, in the order of the reasons; the
    /// fallback script (no reasons) when none does.
    /// </summary>
    public IReadOnlyList<CallScript> ScriptsFor(IEnumerable<string> reasons)
    {
        var chosen = new List<CallScript>();
        foreach (var reason in reasons)
        {
            if (Scripts.FirstOrDefault(s => s.Reasons.Contains(reason)) is { } script && !chosen.Contains(script))
            {
                chosen.Add(script);
            }
        }

        if (chosen.Count == 0 && Scripts.FirstOrDefault(s => s.Reasons.Count == 0) is { } fallback)
        {
            chosen.Add(fallback);
        }

        return chosen;
    }

    // Value equality over the scripts, so protocols compare by content.
    public bool Equals(CallRules? other) =>
        other is not null && RedUnclaimed == other.RedUnclaimed && OrangeUnclaimed == other.OrangeUnclaimed && RedRetry == other.RedRetry
        && OrangeRetry == other.OrangeRetry && RemeasureCallBack == other.RemeasureCallBack && Scripts.SequenceEqual(other.Scripts);

    public override int GetHashCode() => HashCode.Combine(RedUnclaimed, OrangeUnclaimed, RedRetry, OrangeRetry, RemeasureCallBack, Scripts.Count);

    /// <summary>How long an alert of this level may wait unclaimed before it is raised again.</summary>
    public TimeSpan UnclaimedFor(Protocols.Level level) => level == Protocols.Level.Red ? RedUnclaimed : OrangeUnclaimed;

    /// <summary>When an unreachable patient with an alert of this level is called again.</summary>
    public TimeSpan RetryFor(Protocols.Level level) => level == Protocols.Level.Red ? RedRetry : OrangeRetry;
}
