namespace ThuisMonitoring.Storage.Notifications;

/// <summary>
/// The notification hook's side of the outbox: what is due, and each notification's outcome. With several hosts
/// draining one outbox, <see cref="ListDueAsync"/> claims what it returns for a while, so each notification is offered
/// to one host at a time (the embedded outbox has one host and claims nothing).
/// </summary>
public interface INotificationOutboxDrain
{
    /// <summary>Undelivered notifications whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>How many notifications are not delivered yet (due or waiting for a retry).</summary>
    Task<int> CountUndeliveredAsync(CancellationToken cancellationToken);

    /// <summary>The hook took the notification; it is not offered again.</summary>
    Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Delivering failed; the notification is offered again from <paramref name="nextAttempt"/>.</summary>
    Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken);

    /// <summary>True when something was enqueued (on this host), false after <paramref name="timeout"/> without.</summary>
    Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
