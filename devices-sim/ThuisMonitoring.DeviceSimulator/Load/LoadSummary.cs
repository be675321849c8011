using System.Globalization;
using System.Text;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>The few lines of a load report an operator reads first.</summary>
public static class LoadSummary
{
    public static string Format(LoadReport r)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Load: {r.Patients} patients x {r.RatePerPatient}/s for {r.DurationSeconds} s (offered {r.OfferedPerSecond}/s); setup {r.SetupSeconds} s, {r.ConnectFailures} connect failures");
        text.AppendLine(c, $"Published {r.Published}, accepted {r.Accepted} ({r.AcceptedPerSecond}/s), refused {r.Refused}, failed {r.PublishFailures}; max schedule lag {r.MaxScheduleLagMs} ms");
        text.AppendLine(c, $"PUBACK latency   {Latency(r.PubackLatencyMs)}");
        text.AppendLine(c, $"Feedback latency {Latency(r.FeedbackLatencyMs)} ({r.FeedbackReceived} received)");
        text.AppendLine(c, $"Alert latency    {Latency(r.AlertLatencyMs)} ({r.AlertsMatched} of {r.RedPublished} red matched, {r.AlertEvents} alert events; by {string.Join(", ", r.AlertsMatchedBy.Select(p => $"{p.Key} {p.Value}"))})");
        text.AppendLine(c, $"Errors topic     {r.ErrorsReceived}");
        text.Append(r.Host is { } h
            ? string.Create(c, $"Host pid {h.Pid}: CPU {h.CpuSeconds} s ({h.CpuPercentOfOneCore}% of one core), RSS {h.RssBeforeMb} -> {h.RssAfterMb} MiB (peak {h.RssPeakMb})")
            : "Host: not measured");
        text.AppendLine();
        text.AppendLine(c, $"Simulator CPU {r.Simulator.CpuSeconds} s ({r.Simulator.CpuPercentOfOneCore}% of one core, {r.Simulator.ProcessorCount} cores)");
        var t = r.Targets;
        text.Append(c, $"Issue 14 targets: nothing refused {Mark(t.NothingRefused)}, PUBACK p99 {t.PubackP99Ms} < {OpenLoopTargets.PubackP99TargetMs} ms {Mark(t.PubackP99Under100Ms)}, " +
            $"alert p99 {t.AlertP99Ms} < {OpenLoopTargets.AlertP99TargetMs} ms {Mark(t.AlertP99Under500Ms)}, host RSS peak {t.HostRssPeakMb?.ToString(c) ?? "-"} <= {t.HostRssBudgetMb} MiB {(t.HostRssWithinBudget is { } w ? Mark(w) : "(not measured)")}");
        return text.ToString();
    }

    private static string Mark(bool met) => met ? "(met)" : "(NOT met)";

    private static string Latency(LatencySummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50} ms, p95 {s.P95} ms, p99 {s.P99} ms, max {s.Max} ms (n={s.Count})");
}
