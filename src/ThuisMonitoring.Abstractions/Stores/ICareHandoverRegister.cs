namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Durable register of handovers of responsibility with the summary the receiver reads, so a clinician's inbox lists
/// what is addressed to them without asking every patient. The rule and the state live in the episode (domain);
/// this is its index.
/// </summary>
public interface ICareHandoverRegister
{
    /// <summary>Adds or replaces the record of its handover id.</summary>
    Task SaveAsync(CareHandoverRecord handover, CancellationToken cancellationToken);

    Task<CareHandoverRecord?> GetAsync(string handoverId, CancellationToken cancellationToken);

    /// <summary>Handovers addressed to or sent by <paramref name="username"/>, newest first; only pending ones when <paramref name="pendingOnly"/>.</summary>
    Task<IReadOnlyList<CareHandoverRecord>> ListForClinicianAsync(string username, bool pendingOnly, CancellationToken cancellationToken);

    /// <summary>Every handover of the patient, newest first.</summary>
    Task<IReadOnlyList<CareHandoverRecord>> ListForPatientAsync(string patientId, CancellationToken cancellationToken);
}
