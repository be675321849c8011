namespace ThuisMonitoring.Delivery;

/// <summary>
/// How a deliverer drains its outbox until the host stops: it delivers what is due, a batch at a time; after a batch
/// that was not full it waits for an enqueue on this host, or at most one poll interval (retries that came due, other
/// hosts' enqueues). An outbox that cannot be read (disk, lock, connection) is tried again after a poll interval: the
/// rows are still there.
/// </summary>
public static class OutboxDrain
{
    /// <param name="deliverDueAsync">Delivers one batch of what is due; returns how many rows it took.</param>
    /// <param name="batchSize">The most rows one batch takes; a full batch is followed by the next at once.</param>
    /// <param name="waitForEnqueuedAsync">The outbox's wait for an enqueue on this host, bounded by the poll interval.</param>
    /// <param name="poll">The longest wait between batches.</param>
    /// <param name="clock">The host's clock, for the pause after an unreadable outbox.</param>
    /// <param name="unreadable">Told (to log) when the outbox could not be read.</param>
    /// <param name="stoppingToken">The host stopping.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task<int>> deliverDueAsync,
        int batchSize,
        Func<TimeSpan, CancellationToken, Task<bool>> waitForEnqueuedAsync,
        TimeSpan poll,
        TimeProvider clock,
        Action<Exception> unreadable,
        CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(deliverDueAsync);
        ArgumentNullException.ThrowIfNull(waitForEnqueuedAsync);
        ArgumentNullException.ThrowIfNull(unreadable);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await deliverDueAsync(stoppingToken).ConfigureAwait(false) < batchSize)
                {
                    await waitForEnqueuedAsync(poll, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                unreadable(exception);
                await Task.Delay(poll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The poll interval configured in seconds, never below 50 ms.</summary>
    public static TimeSpan PollInterval(double seconds) => TimeSpan.FromSeconds(Math.Max(0.05, seconds));
}
