namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Issue 14's open-loop targets checked against a load report: nothing refused or failed, PUBACK p99 under 100 ms,
/// publish → alert on SignalR p99 under 500 ms, and the host's peak RSS within 300 MB + 20 KiB per patient (MB read as
/// MiB, as the RSS figures are).
/// </summary>
public sealed record OpenLoopTargets(
    bool NothingRefused,
    double PubackP99Ms,
    bool PubackP99Under100Ms,
    double AlertP99Ms,
    bool AlertP99Under500Ms,
    double HostRssBudgetMb,
    double? HostRssPeakMb,
    bool? HostRssWithinBudget)
{
    public const double PubackP99TargetMs = 100;
    public const double AlertP99TargetMs = 500;
    public const double RssBaseMb = 300;
    public const double RssPerPatientKib = 20;

    /// <summary>The budget for <paramref name="patients"/>: 300 MiB plus 20 KiB each.</summary>
    public static double RssBudgetMb(int patients) => Math.Round(RssBaseMb + (RssPerPatientKib * patients / 1024), 1);

    public static OpenLoopTargets For(LoadReport report)
    {
        var budget = RssBudgetMb(report.Patients);
        var peak = report.Host?.RssPeakMb;
        return new OpenLoopTargets(
            report.Refused == 0 && report.PublishFailures == 0 && report.ConnectFailures == 0 && report.Accepted == report.Published,
            report.PubackLatencyMs.P99,
            report.PubackLatencyMs.P99 < PubackP99TargetMs,
            report.AlertLatencyMs.P99,
            report.AlertLatencyMs.Count > 0 && report.AlertLatencyMs.P99 < AlertP99TargetMs,
            budget,
            peak,
            peak is { } p ? p <= budget : null);
    }
}
