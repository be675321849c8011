using System.Diagnostics.Metrics;

namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// What the forwarder is doing, for health checks and metrics (meter <c>ThuisMonitoring.InfluxDb</c>:
/// <c>thuismonitoring.influxdb.backlog</c>, <c>thuismonitoring.influxdb.forwarded</c>, <c>thuismonitoring.influxdb.quarantined</c>).
/// </summary>
public sealed class InfluxDbForwarderStatus : IDisposable
{
    public const string MeterName = "ThuisMonitoring.InfluxDb";

    private readonly Meter _meter;
    private long _backlog;
    private long _forwarded;
    private long _acknowledgedSequence;
    private long _quarantined;
    private volatile string? _lastError;

    public InfluxDbForwarderStatus()
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("thuismonitoring.influxdb.backlog", () => Backlog, "{measurement}", "Stored measurements not yet acknowledged by InfluxDB.");
        _meter.CreateObservableCounter("thuismonitoring.influxdb.forwarded", () => Forwarded, "{measurement}", "Measurements acknowledged by InfluxDB since start.");
        _meter.CreateObservableCounter("thuismonitoring.influxdb.quarantined", () => Quarantined, "{measurement}", "Measurements set aside since start.");
    }

    /// <summary>Stored measurements InfluxDB has not acknowledged yet (as last counted).</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>Measurements acknowledged by InfluxDB since start.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>The sequence of the last measurement handled (written or quarantined); the cursor.</summary>
    public long AcknowledgedSequence => Interlocked.Read(ref _acknowledgedSequence);

    public long Quarantined => Interlocked.Read(ref _quarantined);

    /// <summary>Why the last attempt failed; null while InfluxDB takes the writes.</summary>
    public string? LastError => _lastError;

    public bool InfluxDbReachable => _lastError is null;

    internal void Counted(long backlog) => Interlocked.Exchange(ref _backlog, backlog);

    internal void Acknowledged(long sequence, int written, int quarantined)
    {
        Interlocked.Exchange(ref _acknowledgedSequence, sequence);
        Interlocked.Add(ref _forwarded, written);
        Interlocked.Add(ref _quarantined, quarantined);
        Interlocked.Add(ref _backlog, -Math.Min(Backlog, written + quarantined));
        _lastError = null;
    }

    internal void Failed(string error) => _lastError = error;

    public void Dispose() => _meter.Dispose();
}
