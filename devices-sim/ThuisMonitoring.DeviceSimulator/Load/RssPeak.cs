namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>Samples the host's resident memory twice a second and keeps the highest reading.</summary>
internal sealed class RssPeak : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private double _peak;

    public RssPeak(HostProcessProbe? probe)
    {
        if (probe is not null)
        {
            _timer = new Timer(_ =>
            {
                if (probe.Sample() is { } sample)
                {
                    lock (_gate)
                    {
                        _peak = Math.Max(_peak, sample.RssMebibytes);
                    }
                }
            }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        }
    }

    public double Peak
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    public void Dispose() => _timer?.Dispose();
}
