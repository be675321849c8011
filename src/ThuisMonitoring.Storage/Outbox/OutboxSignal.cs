namespace ThuisMonitoring.Storage.Outbox;

/// <summary>
/// Wakes an outbox's deliverer as soon as something is enqueued on this host, instead of at its next poll. One pending
/// signal is enough: the deliverer looks once and finds everything queued since.
/// </summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _enqueued = new(0, 1);

    public void Signal()
    {
        try
        {
            _enqueued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>True when something was enqueued, false after <paramref name="timeout"/> without.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _enqueued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _enqueued.Dispose();
}
