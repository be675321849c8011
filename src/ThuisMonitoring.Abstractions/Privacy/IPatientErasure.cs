namespace ThuisMonitoring.Abstractions.Privacy;

/// <summary>
/// One store's part of erasing a patient (AVG art. 17): removes everything the store keeps about the patient, so
/// that nothing of it can be read back from its files. Every store that keeps patient data registers one; the
/// audit trail does not (NEN 7513: the trail is kept, with the patient's pseudonymous id only).
/// </summary>
public interface IPatientErasure
{
    /// <summary>The store, as the erasure report names it (e.g. <c>measurements</c>, <c>influxdb</c>).</summary>
    string Store { get; }

    /// <summary>Removes the patient's data; returns how many records went. Idempotent: erasing again removes nothing.</summary>
    Task<long> EraseAsync(string patientId, CancellationToken cancellationToken);
}
