using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// The persisted state of a <see cref="PatientGrain"/>: the episode snapshot (null before enrolment), the patient's
/// own protocol layer as JSON (null: the organisation's protocol applies unchanged) and when the continuous meter
/// last sent a sample (so a silo restart does not forget a meter that has gone silent); <see cref="Streams"/> are the
/// continuous streams per device with their windows, so a deactivation or restart does not start them cold.
/// </summary>
public sealed record PatientGrainState(
    EpisodeSnapshot? Snapshot,
    string? ProtocolLayer = null,
    DateTimeOffset? ContinuousSampleAt = null,
    ContinuousStreamsState? Streams = null)
{
    public PatientGrainState() : this((EpisodeSnapshot?)null)
    {
    }
}
