using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// Keeps the overview's read model up to date: after the patient grain saved its episode, writes the patient's
/// <see cref="PatientSummary"/> and pushes it to the consoles. The episode is the truth and is already saved, so a
/// summary that cannot be written or pushed is logged, not thrown: the next save writes it again.
/// </summary>
public sealed class PatientSummaryPublisher(
    IPatientSummaries summaries, IEnumerable<IPatientSummaryNotifier> notifiers, TimeProvider clock, ILogger<PatientSummaryPublisher> logger)
{
    // Optional: a silo without consoles (tests, tools) still writes the read model.
    private readonly IPatientSummaryNotifier? _notifier = notifiers.FirstOrDefault();

    public async Task PublishAsync(string patientId, Episode episode, ProtocolDocument protocol)
    {
        var summary = PatientSummary.Of(patientId, episode, protocol, clock.GetUtcNow());
        try
        {
            await summaries.SaveAsync(summary, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            logger.LogError(exception, "Patient {PatientId}: overview summary not written; the next save writes it", patientId);
            return;
        }

        if (_notifier is null)
        {
            return;
        }

        try
        {
            await _notifier.SummaryChangedAsync(summary, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The summary is stored; consoles catch up by re-reading the list on reconnect.
            logger.LogWarning(exception, "Patient {PatientId}: overview summary not pushed to the consoles", patientId);
        }
    }
}
