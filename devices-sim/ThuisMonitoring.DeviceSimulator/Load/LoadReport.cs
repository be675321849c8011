namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>The figures of a load run, written as JSON to the report file.</summary>
public sealed record LoadReport(
    DateTimeOffset StartedAt,
    int Patients,
    double RatePerPatient,
    double DurationSeconds,
    double OfferedPerSecond,
    double SetupSeconds,
    int ConnectFailures,
    long Published,
    long Accepted,
    long Refused,
    long PublishFailures,
    double AcceptedPerSecond,
    double MaxScheduleLagMs,
    LatencySummary PubackLatencyMs,
    long FeedbackReceived,
    LatencySummary FeedbackLatencyMs,
    long ErrorsReceived,
    long RedPublished,
    long AlertEvents,
    long AlertsMatched,
    IReadOnlyDictionary<string, long> AlertsMatchedBy,
    LatencySummary AlertLatencyMs,
    HostFigures? Host,
    SimulatorFigures Simulator)
{
    /// <summary>Issue 14's open-loop targets (nothing refused, PUBACK p99, alert p99, host RSS budget) for this run.</summary>
    public OpenLoopTargets Targets => OpenLoopTargets.For(this);
}

/// <summary>CPU and memory of the host over the publishing window (CPU percent of one core).</summary>
public sealed record HostFigures(int Pid, double CpuSeconds, double CpuPercentOfOneCore, double RssBeforeMb, double RssAfterMb, double RssPeakMb);

/// <summary>The simulator's own CPU over the publishing window, to show it was not the bottleneck.</summary>
public sealed record SimulatorFigures(double CpuSeconds, double CpuPercentOfOneCore, int ProcessorCount);
