using ThuisMonitoring.Abstractions.Notifications;

namespace ThuisMonitoring.Storage.Notifications;

/// <summary>A notification waiting in the outbox, with how often delivering it has failed so far.</summary>
public sealed record PendingNotification(ClinicalNotification Notification, int Attempts, string? LastError);
