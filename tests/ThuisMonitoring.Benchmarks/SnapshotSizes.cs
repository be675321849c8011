using System.Globalization;
using System.Text;
using System.Text.Json;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// The size of the grain's saved state (PatientGrainState as JSON with the stores' options) after 1 hour and after
/// 14 days of 1 Hz samples (and at 9 hours and 1 day: the history is full, 512 records, after about 8.5 hours of a
/// stream), whole and without the timeline, and by part; written as a Markdown table.
/// </summary>
public static class SnapshotSizes
{
    public static string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("| into the episode | state (bytes) | without timeline | snapshot.history | streams | alerts | advice | timeline entries | history records |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, into) in new[]
                 {
                     ("1 hour", TimeSpan.FromHours(1)), ("9 hours", TimeSpan.FromHours(9)), ("1 day", TimeSpan.FromDays(1)),
                     ("14 days", TimeSpan.FromDays(14)),
                 })
        {
            var patient = new MonitoredPatient(into);
            var state = patient.State();
            var snapshot = state.Snapshot!;
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Bytes(state):N0} | {Bytes(patient.State(withTimeline: false)):N0} | {Bytes(snapshot.History):N0} | {Bytes(state.Streams):N0} | {Bytes(snapshot.Alerts):N0} | {Bytes(snapshot.Advice):N0} | {snapshot.Timeline?.Count ?? 0} | {snapshot.History?.Records.Count ?? 0} |"));
        }

        return table.ToString();
    }

    private static int Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, StoredJson.Options).Length;
}
