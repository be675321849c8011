using ThuisMonitoring.Delivery;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>Configuration section <c>Fhir:Subscriptions</c>: how pushes are retried.</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Fhir:Subscriptions";

    /// <summary>How long one delivery (one POST) may take.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>The wait after the first failed delivery; doubled after every further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxSeconds { get; set; } = 300;

    /// <summary>How often the outbox is looked at when nothing was enqueued (retries that came due).</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>
    /// How far back the start-up reconciliation looks for alert changes the outbox misses (never before the
    /// subscription's registration): a crash followed by a start within this many days loses no push.
    /// </summary>
    public double ReconcileDays { get; set; } = 7;

    public TimeSpan RetryDelay(int failures) => DeliveryBackoff.After(failures, RetryBaseSeconds, RetryMaxSeconds);
}
