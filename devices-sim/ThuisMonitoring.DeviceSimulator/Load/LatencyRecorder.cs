using System.Diagnostics;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>Collects latencies from many tasks at once, measured between two Stopwatch timestamps.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly List<double> _milliseconds = new(4096);

    public void Record(long startedAt, long endedAt)
    {
        var ms = Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds;
        lock (_gate)
        {
            _milliseconds.Add(ms);
        }
    }

    public LatencySummary Summary()
    {
        double[] copy;
        lock (_gate)
        {
            copy = _milliseconds.ToArray();
        }

        return LatencySummary.From(copy);
    }
}
