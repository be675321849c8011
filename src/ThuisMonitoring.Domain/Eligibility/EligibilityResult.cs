using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Eligibility;

/// <summary>
/// One criterion of a pathway: its code, whether it was met (null: could not be assessed from what was given) and
/// what the values showed.
/// </summary>
public sealed record EligibilityCriterion(string Code, bool? Met, string Detail);

/// <summary>
/// The eligibility check of an enrolment: eligible only when every criterion is met. Not eligible does not block
/// enrolment; it warns, with the reasons.
/// </summary>
public sealed record EligibilityResult(Pathway Pathway, DateTimeOffset CheckedAt, IReadOnlyList<EligibilityCriterion> Criteria, string ProtocolId)
{
    public bool Eligible => Criteria.All(c => c.Met == true);

    /// <summary>The criteria that were not met or could not be assessed: the warnings to show.</summary>
    public IEnumerable<EligibilityCriterion> Warnings => Criteria.Where(c => c.Met != true);
}
