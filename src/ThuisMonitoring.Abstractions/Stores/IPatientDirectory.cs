namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable register of enrolled patients.</summary>
public interface IPatientDirectory
{
    Task AddAsync(PatientRecord patient, CancellationToken cancellationToken);

    Task<PatientRecord?> GetAsync(string patientId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PatientRecord>> ListAsync(CancellationToken cancellationToken);
}
