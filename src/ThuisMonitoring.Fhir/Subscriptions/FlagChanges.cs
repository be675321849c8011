using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// Every alert change the patient grain pushes (<see cref="IAlertNotifier"/>) goes on to the consoles (the notifier it
/// wraps) and into the FHIR push outbox (<see cref="FlagPushes"/>). A change this misses (a crash after the alert was
/// stored, or an outbox that could not be written) is queued at the next start by <see cref="FlagReconciliation"/>.
/// </summary>
internal sealed class FlagChanges(IAlertNotifier consoles, FlagPushes pushes, ILogger<FlagChanges> logger) : IAlertNotifier
{
    public async Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await consoles.AlertChangedAsync(alert, cancellationToken);
        }
        finally
        {
            await QueueAsync(alert, cancellationToken);
        }
    }

    public Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken) => consoles.AlertReEscalatedAsync(alert, cancellationToken);

    private async Task QueueAsync(Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await pushes.QueueAsync(alert, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Flag {AlertId} of patient {PatientId} not queued for its FHIR subscriptions (queued at the next start)", alert.AlertId, alert.PatientId);
            throw;
        }
    }
}
