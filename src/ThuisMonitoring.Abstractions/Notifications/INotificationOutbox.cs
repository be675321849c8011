namespace ThuisMonitoring.Abstractions.Notifications;

/// <summary>
/// Durable queue of <see cref="ClinicalNotification"/>s: enqueued by the patient grain in the same step that changes the
/// alert, delivered (and retried) by the host's notification hook, so a notification is never lost to a hook that is down.
/// </summary>
public interface INotificationOutbox
{
    Task EnqueueAsync(ClinicalNotification notification, CancellationToken cancellationToken);
}
