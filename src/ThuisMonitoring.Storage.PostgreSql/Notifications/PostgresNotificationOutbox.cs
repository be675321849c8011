using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Storage.PostgreSql.Outbox;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>
/// The cluster's notification outbox: every host's patient grains enqueue into it and every host's notification hook
/// drains it, each claiming what it is about to deliver until <see cref="ClaimLifetime"/> has passed (see
/// <see cref="PostgresOutbox{TDocument}"/>). At least once, as on one host: receivers deduplicate on <c>notificationId</c>.
/// </summary>
internal sealed class PostgresNotificationOutbox : INotificationOutbox, INotificationOutboxDrain, IDisposable
{
    /// <summary>Longer than a delivery with its in-process retries takes; the hook marks the outcome well before.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private readonly PostgresOutbox<ClinicalNotification> _outbox;

    public PostgresNotificationOutbox(PostgresDatabase database, TimeProvider clock, ILogger<PostgresNotificationOutbox> logger) =>
        _outbox = new PostgresOutbox<ClinicalNotification>(database, clock, "notification_outbox", ClaimLifetime, notification => logger.LogInformation(
            "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) queued for the hook",
            notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId));

    public Task EnqueueAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.NotificationId);
        return _outbox.EnqueueAsync(notification.NotificationId, notification.PatientId, notification, cancellationToken);
    }

    /// <summary>Claims and returns the due notifications no other host holds, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        [.. (await _outbox.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false)).Select(PendingNotification.Of)];

    public Task<int> CountUndeliveredAsync(CancellationToken cancellationToken) => _outbox.CountUndeliveredAsync(cancellationToken);

    public Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _outbox.MarkDeliveredAsync(notificationId, at, cancellationToken);

    public Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        _outbox.MarkFailedAsync(notificationId, error, nextAttempt, cancellationToken);

    /// <summary>Wakes on enqueues of this host; those of other hosts are found at the hook's next poll.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _outbox.WaitForEnqueuedAsync(timeout, cancellationToken);

    public void Dispose() => _outbox.Dispose();
}
