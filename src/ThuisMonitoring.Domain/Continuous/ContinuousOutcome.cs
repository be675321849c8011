using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// What observing one continuous sample did. <see cref="Artefact"/> flags this sample (store it flagged);
/// <see cref="LateArtefacts"/> are earlier samples now known to be artefacts (a jump that reversed).
/// <see cref="Evaluation"/> is set only when a sustained level changed: hand it to the episode's alert book.
/// </summary>
public sealed record ContinuousOutcome(
    ArtefactKind Artefact,
    IReadOnlyList<DateTimeOffset> LateArtefacts,
    Evaluation? Evaluation)
{
    public bool IsArtefact => Artefact != ArtefactKind.None;
}
