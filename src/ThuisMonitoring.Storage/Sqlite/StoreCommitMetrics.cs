using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// Commits of the embedded stores' group-commit writers (meter <c>ThuisMonitoring.Storage</c>):
/// <c>thuismonitoring.store.commit.duration</c> (ms, one per transaction) and <c>thuismonitoring.store.commit.size</c>
/// (changes per transaction), tagged with the store.
/// </summary>
internal static class StoreCommitMetrics
{
    public const string MeterName = "ThuisMonitoring.Storage";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("thuismonitoring.store.commit.duration", "ms", "Time of one group commit (write and fsync).");
    private static readonly Histogram<int> Size = Meter.CreateHistogram<int>("thuismonitoring.store.commit.size", "{change}", "Changes carried by one group commit.");

    public static void Committed(string store, int changes, long startedAt)
    {
        var tag = new KeyValuePair<string, object?>("store", store);
        Duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, tag);
        Size.Record(changes, tag);
    }
}
