using ThuisMonitoring.Domain.Patients;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// The overview's read model: one <see cref="PatientSummary"/> per patient, written by the patient grain whenever it
/// saves the episode, read by <c>GET /api/patients</c> and the capacity board without activating any grain. A
/// patient's summary goes with an erasure (the directory's part).
/// </summary>
public interface IPatientSummaries
{
    /// <summary>Stores the summary unless the stored one was written later (<see cref="PatientSummary.WrittenAt"/>).</summary>
    Task SaveAsync(PatientSummary summary, CancellationToken cancellationToken);

    /// <summary>Stores the summary only when the patient has none yet (filling in a patient from before the read model).</summary>
    Task AddMissingAsync(PatientSummary summary, CancellationToken cancellationToken);

    Task<PatientSummary?> GetAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>Every stored summary, by patient id.</summary>
    Task<IReadOnlyDictionary<string, PatientSummary>> ListAsync(CancellationToken cancellationToken);
}
