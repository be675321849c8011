using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.PostgreSql.Outbox;

namespace ThuisMonitoring.Storage.PostgreSql.Subscriptions;

/// <summary>
/// The cluster's FHIR push outbox, run like <see cref="Notifications.PostgresNotificationOutbox"/>: every host's patient
/// grains enqueue into it and every host's subscription delivery drains it, each claiming what it is about to POST
/// until <see cref="ClaimLifetime"/> has passed (see <see cref="PostgresOutbox{TDocument}"/>). At least once, as on one
/// host: receivers deduplicate on the notification id.
/// </summary>
internal sealed class PostgresFhirPushOutbox : IFhirPushOutbox, IDisposable
{
    /// <summary>Longer than an attempt with its quick retries takes; the delivery marks the outcome well before.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private readonly PostgresOutbox<FhirPush> _outbox;

    public PostgresFhirPushOutbox(PostgresDatabase database, TimeProvider clock, ILogger<PostgresFhirPushOutbox> logger) =>
        _outbox = new PostgresOutbox<FhirPush>(database, clock, "fhir_push_outbox", ClaimLifetime, push => logger.LogInformation(
            "FHIR push {NotificationId} ({ResourceType}/{ResourceId}, patient {PatientId}) queued for subscription {SubscriptionId}",
            push.NotificationId, push.ResourceType, push.ResourceId, push.PatientId, push.SubscriptionId));

    public Task EnqueueAsync(FhirPush push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        return _outbox.EnqueueAsync(push.NotificationId, push.PatientId, push, cancellationToken);
    }

    /// <summary>Claims and returns the due pushes no other host holds, oldest first.</summary>
    public async Task<IReadOnlyList<PendingFhirPush>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        [.. (await _outbox.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false)).Select(e => new PendingFhirPush(e.Document, e.Attempts))];

    public Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _outbox.MarkDeliveredAsync(notificationId, at, cancellationToken);

    public Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        _outbox.MarkFailedAsync(notificationId, error, nextAttempt, cancellationToken);

    /// <summary>Wakes on enqueues of this host; those of other hosts are found at the delivery's next poll.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) => _outbox.WaitForEnqueuedAsync(timeout, cancellationToken);

    public void Dispose() => _outbox.Dispose();
}
