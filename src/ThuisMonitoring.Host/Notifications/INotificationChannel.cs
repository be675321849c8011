namespace ThuisMonitoring.Host.Notifications;

/// <summary>One way out of the outbox (a webhook, a command). Throws when the message was not delivered.</summary>
public interface INotificationChannel
{
    string Name { get; }

    Task DeliverAsync(string json, NotificationMessage message, CancellationToken cancellationToken);
}
