using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Storage.Outbox;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Notifications;

/// <summary>
/// The durable <see cref="INotificationOutbox"/> in the directory file. The patient grain enqueues (committed and
/// fsync'd before it returns); the host's notification hook takes what is due, and marks each notification delivered,
/// or failed with the time of the next attempt. A notification stays until it is delivered, across restarts.
/// </summary>
public sealed class SqliteNotificationOutbox : INotificationOutbox, INotificationOutboxDrain
{
    private readonly SqliteOutbox<ClinicalNotification> _outbox;

    internal SqliteNotificationOutbox(SqliteDatabase database, TimeProvider clock, ILogger<SqliteNotificationOutbox> logger)
    {
        database.EnsureSchema(NotificationOutboxSchema.Sql);
        _outbox = new SqliteOutbox<ClinicalNotification>(database, clock, "notification_outbox", notification => logger.LogInformation(
            "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) queued for the hook",
            notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId));
    }

    /// <summary>
    /// Stores the notification for delivery. Enqueueing the same <see cref="ClinicalNotification.NotificationId"/>
    /// again is ignored, so a retried grain step notifies once.
    /// </summary>
    public Task EnqueueAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.NotificationId);
        return _outbox.EnqueueAsync(notification.NotificationId, notification, cancellationToken);
    }

    /// <summary>Undelivered notifications whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        [.. (await _outbox.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false)).Select(PendingNotification.Of)];

    /// <summary>How many notifications are not delivered yet (due or waiting for a retry).</summary>
    public Task<int> CountUndeliveredAsync(CancellationToken cancellationToken) => _outbox.CountUndeliveredAsync(cancellationToken);

    /// <summary>The hook took the notification; it is not offered again.</summary>
    public Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _outbox.MarkDeliveredAsync(notificationId, at, cancellationToken);

    /// <summary>Delivering failed; the notification is offered again from <paramref name="nextAttempt"/>.</summary>
    public Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        _outbox.MarkFailedAsync(notificationId, error, nextAttempt, cancellationToken);

    /// <summary>True when something was enqueued, false after <paramref name="timeout"/> without.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _outbox.WaitForEnqueuedAsync(timeout, cancellationToken);
}
