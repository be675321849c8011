namespace ThuisMonitoring.Abstractions.Subscriptions;

/// <summary>
/// One change of a resource (a Flag) for one subscription, as it was at the change: the JSON sent, and the
/// <see cref="NotificationId"/> the receiver deduplicates on (the same change is never queued twice).
/// </summary>
public sealed record FhirPush(
    string NotificationId,
    string SubscriptionId,
    string ResourceType,
    string ResourceId,
    string PatientId,
    string ResourceJson,
    DateTimeOffset ChangedAt);

/// <summary>A push waiting in the outbox, with how often delivering it has failed so far.</summary>
public sealed record PendingFhirPush(FhirPush Push, int Attempts);

/// <summary>
/// Durable outbox of subscription notifications (the notification outbox's design: committed before the change is
/// answered, kept after delivery, retried with backoff across restarts).
/// </summary>
public interface IFhirPushOutbox
{
    /// <summary>Queues the push; a push with the same notification id again is ignored.</summary>
    Task EnqueueAsync(FhirPush push, CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingFhirPush>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken);

    /// <summary>True when something was enqueued, false after <paramref name="timeout"/> without.</summary>
    Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
