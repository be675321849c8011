using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Storage.Outbox;

namespace ThuisMonitoring.Storage.Notifications;

/// <summary>A notification waiting in the outbox, with how often delivering it has failed so far.</summary>
public sealed record PendingNotification(ClinicalNotification Notification, int Attempts, string? LastError)
{
    internal static PendingNotification Of(OutboxEntry<ClinicalNotification> entry) => new(entry.Document, entry.Attempts, entry.LastError);
}
