using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ThuisMonitoring.Delivery;

/// <summary>
/// One attempt to deliver from an outbox to a receiver outside the platform: each try has a timeout, and a try that
/// fails (or times out) is retried twice in process with an exponential backoff. What still fails after that goes
/// back to the outbox, offered again after <see cref="DeliveryBackoff"/>. Cancellation of the caller is never retried.
/// </summary>
public static class DeliveryAttempt
{
    /// <summary>The quick retries within one attempt, after its first try.</summary>
    public const int QuickRetries = 2;

    /// <param name="firstRetryDelay">The wait before the first quick retry; it doubles for the next.</param>
    /// <param name="tryTimeout">How long one try may take.</param>
    public static ResiliencePipeline Pipeline(TimeSpan firstRetryDelay, TimeSpan tryTimeout) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = QuickRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || e is TimeoutRejectedException),
            })
            .AddTimeout(tryTimeout)
            .Build();
}
