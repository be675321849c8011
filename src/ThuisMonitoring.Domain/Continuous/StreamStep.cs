using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// What one measurement of a device became: its <see cref="Role"/>; for a stream sample its artefact kind, earlier
/// samples of the same device now known to be artefacts, and the evaluation when an escalated level changed.
/// <see cref="Flag"/> is what to store beside the measurement (null: nothing). A value: a 1 Hz sample allocates nothing.
/// </summary>
public readonly record struct StreamStep(
    Measurement Measurement,
    SampleRole Role,
    ArtefactKind Artefact,
    IReadOnlyList<DateTimeOffset> LateArtefacts,
    Evaluation? Evaluation,
    Level SustainedLevel)
{
    public bool IsTrustedSample => Role == SampleRole.Continuous && Artefact == ArtefactKind.None;

    public string? Flag => Role == SampleRole.WarmUp ? SampleRoleNames.WarmUpFlag
        : Artefact != ArtefactKind.None ? Artefact.ToCode()
        : null;
}
