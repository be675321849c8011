using ThuisMonitoring.Domain.Patients;

namespace ThuisMonitoring.Abstractions.Notifications;

/// <summary>Pushes a changed patient summary to the consoles' overview (SignalR in the host), to the same audience as the patient's alerts.</summary>
public interface IPatientSummaryNotifier
{
    Task SummaryChangedAsync(PatientSummary summary, CancellationToken cancellationToken);
}
