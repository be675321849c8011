using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>The persisted state of a <see cref="PatientGrain"/>: the episode snapshot, or null before enrolment.</summary>
public sealed record PatientGrainState(EpisodeSnapshot? Snapshot)
{
    public PatientGrainState() : this((EpisodeSnapshot?)null)
    {
    }
}
