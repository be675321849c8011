using System.Globalization;
using System.Text;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Host.Replay;

/// <summary>
/// The figures of docs/protocol.md ("What the shipped protocol does on the trace library") as a Markdown table, one
/// column per replayed protocol: alerts per patient-day on the stable traces and on the exertion dips, the labelled
/// deteriorations escalated in time, the median time to escalate, and each deterioration's time to escalate.
/// <c>replay --markdown</c> prints it; a test keeps the table in the docs equal to it.
/// </summary>
public static class ReplayFiguresTable
{
    public static string Write(IReadOnlyList<ReplayReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        void Row(string label, Func<ReplayReport, string> cell) =>
            text.Append("| ").Append(label).Append(" | ").AppendJoin(" | ", reports.Select(cell)).Append(" |\n");

        var first = reports.Count == 0 ? null : reports[0];
        var stable = first?.Traces.Where(t => t.Stable).Select(t => t.Trace).ToList() ?? [];
        text.Append("| ").AppendJoin(" | ", reports.Select(r => $"`{r.ProtocolId}`").Prepend(string.Create(c, $"{first?.Traces.Count ?? 0} traces, {(first?.PatientDays ?? 0) * 24:0.##} patient-hours"))).Append(" |\n");
        text.Append('|').Append(string.Concat(Enumerable.Repeat("---|", reports.Count + 1))).Append('\n');
        Row($"alerts per patient-day on the {stable.Count} stable traces ({string.Join(", ", stable)})", r => string.Create(c, $"{r.StableAlertsPerPatientDay:0.##}"));
        Row("alerts on the exertion dips", r => string.Create(c, $"{r.Traces.Where(t => t.Trace.StartsWith("exertion", StringComparison.Ordinal)).Sum(t => t.Alerts.Count)}"));
        Row("labelled deteriorations escalated in time (window + 15 s)", r => string.Create(c, $"{r.Detected} of {r.Labelled}"));
        Row("median time to escalate (those in time)", r => Seconds(r.MedianSecondsToEscalate));
        foreach (var trace in first?.Traces.Where(t => !t.Stable) ?? [])
        {
            foreach (var (detection, index) in trace.Detections.Select((d, i) => (d, i)))
            {
                Row($"{trace.Trace}: `{detection.Expected.Reason}` {detection.Expected.Level.ToString().ToLowerInvariant()}", r =>
                {
                    var found = r.Traces.First(t => t.Trace == trace.Trace).Detections[index];
                    return found.SecondsToEscalate is not { } s ? "missed" : found.Detected ? Seconds(s) : $"{Seconds(s)} (late)";
                });
            }
        }

        return text.ToString();
    }

    private static string Seconds(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.#} s") : "-";
}
