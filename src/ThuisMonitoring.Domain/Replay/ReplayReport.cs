using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>One alert the replay raised (or that rose): its reasons and level, when (seconds from the trace start).</summary>
public sealed record ReplayAlert(IReadOnlyList<string> Reasons, Level Level, int At, int FirstAt);

/// <summary>A labelled deterioration and whether the protocol escalated it in time (<see cref="SecondsToEscalate"/>: from its onset).</summary>
public sealed record Detection(ExpectedEscalation Expected, bool Detected, int? SecondsToEscalate);

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
            var first = alerts.FirstOrDefault(a => a.Reasons.Contains(expected.Reason) && a.Level >= expected.Level && a.At >= expected.Onset);
            var seconds = first is null ? (int?)null : first.At - expected.Onset;
            return new Detection(expected, seconds is { } s && s <= expected.WithinSeconds, seconds);
        }).ToList();

        // On a stable trace every alert is false; on a deterioration trace those raised before the first onset are.
        var firstOnset = trace.Expected.Count == 0 ? int.MaxValue : trace.Expected.Min(e => e.Onset);
        var falseAlerts = alerts.Count(a => a.At < firstOnset);
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
        var reasons = alerts.SelectMany(a => a.Reasons).Concat(detections.Select(d => d.Expected.Reason)).Distinct().Order(StringComparer.Ordinal);
        var rules = reasons.Select(reason =>
        {
            var ruleAlerts = alerts.Count(a => a.Reasons.Contains(reason));
            var ruleFalse = traces.Sum(t => t.Alerts.Count(a => a.Reasons.Contains(reason) && IsFalse(t, a)));
            var labelled = detections.Where(d => d.Expected.Reason == reason).ToList();
            var detected = labelled.Where(d => d.Detected).ToList();
            return new RuleFigures(
                reason, ruleAlerts, PerDay(ruleAlerts, days), ruleFalse, labelled.Count, detected.Count,
                labelled.Count == 0 ? null : (double)detected.Count / labelled.Count,
                MedianOf(detected));
        }).ToList();

        var stableAlerts = traces.Where(t => t.Stable).Sum(t => t.Alerts.Count);
        return new ReplayReport(
            protocolId, days, alerts.Count, PerDay(alerts.Count, days), PerDay(stableAlerts, stableDays),
            traces.Sum(t => t.FalseAlerts), detections.Count, detections.Count(d => d.Detected),
            MedianOf(detections.Where(d => d.Detected).ToList()), rules, traces);
    }

    private static bool IsFalse(TraceResult trace, ReplayAlert alert) =>
        trace.Stable || alert.At < trace.Detections.Min(d => d.Expected.Onset);

    private static double PerDay(int count, double days) => days <= 0 ? 0 : Math.Round(count / days, 2);

    private static double? MedianOf(IReadOnlyList<Detection> detected) =>
        detected.Count == 0 ? null : Median.Of([.. detected.Select(d => (double)d.SecondsToEscalate!.Value)]);
}
