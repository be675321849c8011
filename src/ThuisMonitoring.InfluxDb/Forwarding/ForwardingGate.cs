namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// Held by the forwarder from reading a batch out of the measurement store until InfluxDB took it, and by an erasure
/// while it deletes the patient's points: a batch read before the patient's rows left the store is written before
/// the delete, never after it.
/// </summary>
public sealed class ForwardingGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task WaitAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _gate.WaitAsync(timeout, cancellationToken);

    public void Release() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
