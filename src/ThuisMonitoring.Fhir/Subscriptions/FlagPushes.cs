using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// The one rule that turns an alert change into FHIR pushes: the Flag it now is, queued once for every active
/// subscription whose criteria match the patient, that existed at the change, and whose owner may see the patient now.
/// The notification id is the subscription, the Flag and its version, so the same change is queued once however
/// often it is offered (by <see cref="FlagChanges"/> as it happens, by <see cref="FlagReconciliation"/> at start).
/// </summary>
internal sealed class FlagPushes(IFhirSubscriptionRegister subscriptions, IFhirPushOutbox outbox, SubscriptionOwner owners)
{
    /// <summary>Queues the change for the active subscriptions; returns how many pushes were offered to the outbox.</summary>
    public async Task<int> QueueAsync(Alert alert, CancellationToken cancellationToken) =>
        await QueueAsync(alert, await subscriptions.ListActiveAsync(cancellationToken), cancellationToken);

    public async Task<int> QueueAsync(Alert alert, IReadOnlyList<FhirSubscriptionRecord> active, CancellationToken cancellationToken)
    {
        var matching = active.Where(s => (s.PatientId is null || s.PatientId == alert.PatientId) && s.CreatedAt <= alert.UpdatedAt).ToList();
        if (matching.Count == 0)
        {
            return 0;
        }

        var flag = FlagResource.From(alert);
        var json = FhirJson.Serialize(flag);
        var offered = 0;
        foreach (var subscription in matching)
        {
            if (!await owners.MaySeeAsync(await owners.CurrentAsync(subscription, cancellationToken), alert.PatientId, cancellationToken))
            {
                continue;
            }

            await outbox.EnqueueAsync(new FhirPush(
                NotificationId(subscription, flag), subscription.SubscriptionId, "Flag", alert.AlertId, alert.PatientId, json, alert.UpdatedAt), cancellationToken);
            offered++;
        }

        return offered;
    }

    private static string NotificationId(FhirSubscriptionRecord subscription, Hl7.Fhir.Model.Flag flag) =>
        $"{subscription.SubscriptionId}-{flag.Id}-{flag.Meta!.VersionId}";
}
