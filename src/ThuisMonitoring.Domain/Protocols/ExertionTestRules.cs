using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// When the patient is asked for the 1-minute sit-to-stand test (PROTOCOL.md sections 2 and 5: measured at rest and,
/// where the protocol says so, again after one minute of exertion; NHS: only when the values at rest are normal). The
/// test is asked of patients on one of <see cref="Pathways"/> while their episode is active; with
/// <see cref="AfterGreenAtRest"/> only right after a measurement at rest whose evaluation was green, and not again
/// until the next one at rest; without it at any time. No pathway listed: never asked.
/// </summary>
public sealed record ExertionTestRules(IReadOnlyList<Pathway> Pathways, bool AfterGreenAtRest)
{
    /// <summary>The platform's default: every pathway, after a green measurement at rest.</summary>
    public static ExertionTestRules Default { get; } =
        new([Pathway.EarlyDischarge, Pathway.EmergencyDepartment, Pathway.GeneralPractice], AfterGreenAtRest: true);

    /// <summary>Whether the test is asked now of a patient on <paramref name="pathway"/>, given their last measurement and its level.</summary>
    public bool IsAsked(Pathway pathway, bool episodeActive, Measurement? lastMeasurement, Level lastLevel) =>
        episodeActive
        && Pathways.Contains(pathway)
        && (!AfterGreenAtRest || (lastMeasurement is { Exertion: false } && lastLevel == Level.Green));

    /// <summary>Rules compare by value, the pathways included.</summary>
    public bool Equals(ExertionTestRules? other) =>
        other is not null && AfterGreenAtRest == other.AfterGreenAtRest && Pathways.SequenceEqual(other.Pathways);

    public override int GetHashCode() => HashCode.Combine(AfterGreenAtRest, Pathways.Count);
}
