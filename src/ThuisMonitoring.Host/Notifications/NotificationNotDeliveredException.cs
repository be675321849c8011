namespace ThuisMonitoring.Host.Notifications;

/// <summary>A hook refused or failed a notification; it stays in the outbox and is tried again.</summary>
public sealed class NotificationNotDeliveredException(string message) : Exception(message);
