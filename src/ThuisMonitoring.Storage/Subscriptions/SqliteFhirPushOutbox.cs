using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.Outbox;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Subscriptions;

/// <summary>
/// The durable <see cref="IFhirPushOutbox"/> in the directory file, run like <see cref="Notifications.SqliteNotificationOutbox"/>:
/// enqueued (committed) when the Flag changes, delivered and retried by the FHIR adapter, kept until delivered across restarts.
/// </summary>
internal sealed class SqliteFhirPushOutbox : IFhirPushOutbox
{
    private readonly SqliteOutbox<FhirPush> _outbox;

    public SqliteFhirPushOutbox(SqliteDatabase database, TimeProvider clock, ILogger<SqliteFhirPushOutbox> logger)
    {
        database.EnsureSchema(FhirSubscriptionSchema.Sql);
        _outbox = new SqliteOutbox<FhirPush>(database, clock, "fhir_push_outbox", push => logger.LogInformation(
            "FHIR push {NotificationId} ({ResourceType}/{ResourceId}, patient {PatientId}) queued for subscription {SubscriptionId}",
            push.NotificationId, push.ResourceType, push.ResourceId, push.PatientId, push.SubscriptionId));
    }

    public Task EnqueueAsync(FhirPush push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        return _outbox.EnqueueAsync(push.NotificationId, push, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingFhirPush>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        [.. (await _outbox.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false)).Select(e => new PendingFhirPush(e.Document, e.Attempts))];

    public Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _outbox.MarkDeliveredAsync(notificationId, at, cancellationToken);

    public Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        _outbox.MarkFailedAsync(notificationId, error, nextAttempt, cancellationToken);

    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) => _outbox.WaitForEnqueuedAsync(timeout, cancellationToken);
}
