using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>One alert the replay raised (or that rose): its reasons and level, when (seconds from the trace start).</summary>
public sealed record ReplayAlert(IReadOnlyList<string> Reasons, Level Level, int At, int FirstAt);

/// <summary>
/// A labelled deterioration and whether the protocol escalated it in time (<see cref="SecondsToEscalate"/>: from its
/// onset, the first alert that matches it). <see cref="ByRule"/>: every rule (reason code) that escalated it in time,
/// with its seconds from the onset; for a label of one rule that rule alone, for a recorded label any rule.
/// </summary>
public sealed record Detection(ExpectedEscalation Expected, bool Detected, int? SecondsToEscalate, IReadOnlyDictionary<string, int>? ByRule = null);

/// <summary>What a protocol made of one trace.</summary>
public sealed record TraceResult(
    string Trace,
    bool Stable,
    double PatientDays,
    IReadOnlyList<ReplayAlert> Alerts,
    IReadOnlyList<Detection> Detections,
    int FalseAlerts)
{
    public static TraceResult Of(LabelledTrace trace, IReadOnlyList<ReplayAlert> alerts)
    {
        var detections = trace.Expected.Select(expected =>
        {
            var matching = alerts.Where(a => a.Level >= expected.Level && a.At >= expected.Start && a.Reasons.Any(expected.IsDetectedBy)).ToList();
            var seconds = matching.Count == 0 ? (int?)null : matching[0].At - expected.Onset;
            var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var alert in matching.Where(a => a.At - expected.Onset <= expected.WithinSeconds))
            {
                foreach (var reason in alert.Reasons.Where(expected.IsDetectedBy))
                {
                    byRule.TryAdd(reason, alert.At - expected.Onset);
                }
            }

            return new Detection(expected, seconds is { } s && s <= expected.WithinSeconds, seconds, byRule);
        }).ToList();

        // On a stable trace every alert is false; on a deterioration trace those no label covers (before its onset, or
        // outside a recorded label's window) are.
        var falseAlerts = alerts.Count(a => !trace.Expected.Any(e => e.Covers(a.At)));
        return new TraceResult(trace.Name, trace.IsStable, trace.Length.TotalDays, alerts, detections, falseAlerts);
    }
}

/// <summary>Per rule (reason code): alerts, alerts per patient-day, labelled events, detections and their median time to escalate.</summary>
public sealed record RuleFigures(
    string Reason,
    int Alerts,
    double AlertsPerPatientDay,
    int FalseAlerts,
    int Labelled,
    int Detected,
    double? Sensitivity,
    double? MedianSecondsToEscalate);

/// <summary>
/// The replay of one protocol over a set of traces: per trace, per rule and overall. Alerts per patient-day count
/// every alert raised (and every rise of one) over the total length of the traces.
/// </summary>
public sealed record ReplayReport(
    string ProtocolId,
    double PatientDays,
    int Alerts,
    double AlertsPerPatientDay,
    double StableAlertsPerPatientDay,
    int FalseAlerts,
    int Labelled,
    int Detected,
    double? MedianSecondsToEscalate,
    IReadOnlyList<RuleFigures> Rules,
    IReadOnlyList<TraceResult> Traces)
{
    public static ReplayReport From(string protocolId, IReadOnlyList<TraceResult> traces)
    {
        var days = traces.Sum(t => t.PatientDays);
        var stableDays = traces.Where(t => t.Stable).Sum(t => t.PatientDays);
        var alerts = traces.SelectMany(t => t.Alerts).ToList();
        var detections = traces.SelectMany(t => t.Detections).ToList();
        var reasons = alerts.SelectMany(a => a.Reasons).Concat(detections.Select(d => d.Expected.Reason))
            .Where(r => r != ExpectedEscalation.AnyRule).Distinct().Order(StringComparer.Ordinal);
        var rules = reasons.Select(reason =>
        {
            var ruleAlerts = alerts.Count(a => a.Reasons.Contains(reason));
            var ruleFalse = traces.Sum(t => t.Alerts.Count(a => a.Reasons.Contains(reason) && IsFalse(t, a)));
            var labelled = detections.Where(d => d.Expected.IsDetectedBy(reason)).ToList();
            var detected = labelled.Where(d => d.ByRule?.ContainsKey(reason) == true).Select(d => d.ByRule![reason]).ToList();
            return new RuleFigures(
                reason, ruleAlerts, PerDay(ruleAlerts, days), ruleFalse, labelled.Count, detected.Count,
                labelled.Count == 0 ? null : (double)detected.Count / labelled.Count,
                detected.Count == 0 ? null : Median.Of([.. detected.Select(s => (double)s)]));
        }).ToList();

        var stableAlerts = traces.Where(t => t.Stable).Sum(t => t.Alerts.Count);
        return new ReplayReport(
            protocolId, days, alerts.Count, PerDay(alerts.Count, days), PerDay(stableAlerts, stableDays),
            traces.Sum(t => t.FalseAlerts), detections.Count, detections.Count(d => d.Detected),
            MedianOf(detections.Where(d => d.Detected).ToList()), rules, traces);
    }

    private static bool IsFalse(TraceResult trace, ReplayAlert alert) => !trace.Detections.Any(d => d.Expected.Covers(alert.At));

    private static double PerDay(int count, double days) => days <= 0 ? 0 : Math.Round(count / days, 2);

    private static double? MedianOf(IReadOnlyList<Detection> detected) =>
        detected.Count == 0 ? null : Median.Of([.. detected.Select(d => (double)d.SecondsToEscalate!.Value)]);
}
