using System.Diagnostics.Metrics;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>Counters of the device path (meter "ThuisMonitoring.Mqtt"), readable with dotnet-counters or OpenTelemetry.</summary>
public sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "ThuisMonitoring.Mqtt";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _ingestion;
    private long _accepted;
    private long _rejected;
    private long _duplicates;
    private long _unauthorized;

    public IngestionMetrics()
    {
        _meter.CreateObservableCounter("thuismonitoring.measurements.accepted", () => Interlocked.Read(ref _accepted));
        _meter.CreateObservableCounter("thuismonitoring.messages.rejected", () => Interlocked.Read(ref _rejected));
        _meter.CreateObservableCounter("thuismonitoring.measurements.duplicate", () => Interlocked.Read(ref _duplicates));
        _meter.CreateObservableCounter("thuismonitoring.publish.unauthorized", () => Interlocked.Read(ref _unauthorized));
        _ingestion = _meter.CreateHistogram<double>(
            "thuismonitoring.ingestion.duration", "ms", "From a device's publish arriving to its PUBACK decision: validation, durable store, evaluation by the patient grain.");
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    internal void CountAccepted(int count) => Interlocked.Add(ref _accepted, count);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    internal void CountDuplicate() => Interlocked.Increment(ref _duplicates);

    internal void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    internal void RecordIngestion(long startedAt, string kind) =>
        _ingestion.Record(System.Diagnostics.Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("topic", kind));

    public void Dispose() => _meter.Dispose();
}
