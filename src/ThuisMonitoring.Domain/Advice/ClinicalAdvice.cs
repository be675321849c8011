namespace ThuisMonitoring.Domain.Advice;

/// <summary>
/// A piece of advice in the episode: the proposal, when it was made, the summary of the measurements it rests on
/// (<see cref="AdviceEvidence"/>), and the clinician's decision on it.
/// </summary>
public sealed record ClinicalAdvice(
    string AdviceId,
    AdviceKind Kind,
    string Reason,
    string Summary,
    AdviceEvidence Evidence,
    double? ProposedFlow,
    DateTimeOffset ProposedAt,
    AdviceStatus Status = AdviceStatus.Proposed,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Note = null)
{
    public bool IsOpen => Status == AdviceStatus.Proposed;
}
