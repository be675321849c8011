using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// Every alert change the patient grain pushes (<see cref="IAlertNotifier"/>) goes on to the consoles (the notifier it
/// wraps) and, as the Flag it now is, into the FHIR push outbox once per active subscription that matches it and whose
/// owner may see the patient. The notification id is the subscription, the Flag and its version: the same change is
/// queued once however often it is told.
/// </summary>
internal sealed class FlagChanges(
    IAlertNotifier consoles, IFhirSubscriptionRegister subscriptions, IFhirPushOutbox outbox, IPatientDirectory directory,
    PatientVisibility visibility, ILogger<FlagChanges> logger) : IAlertNotifier
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
            var active = await subscriptions.ListActiveAsync(cancellationToken);
            var matching = active.Where(s => s.PatientId is null || s.PatientId == alert.PatientId).ToList();
            if (matching.Count == 0)
            {
                return;
            }

            var record = await directory.GetAsync(alert.PatientId, cancellationToken);
            if (record is null)
            {
                return;
            }

            var flag = FlagResource.From(alert);
            var json = FhirJson.Serialize(flag);
            foreach (var subscription in matching)
            {
                if (!await visibility.MaySeeAsync(SubscriptionOwner.Of(subscription), record, cancellationToken))
                {
                    continue;
                }

                await outbox.EnqueueAsync(new FhirPush(
                    $"{subscription.SubscriptionId}-{alert.AlertId}-{flag.Meta!.VersionId}", subscription.SubscriptionId, "Flag", alert.AlertId,
                    alert.PatientId, json, alert.UpdatedAt), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Flag {AlertId} of patient {PatientId} not queued for its FHIR subscriptions", alert.AlertId, alert.PatientId);
            throw;
        }
    }
}
