using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Reports;

/// <summary>
/// The figures a region steers by over one period (CONTRACT section 10; every definition in docs/reports.md).
/// <see cref="CountedPatients"/> are the patients whose episode overlapped the period: the data the figures were made of.
/// </summary>
public sealed record RegionReport(
    ReportPeriod Period,
    EpisodeFigures Episodes,
    double? ReadmissionRate,
    double? MedianEpisodeDays,
    double BedDaysSaved,
    AlertFigures Alerts,
    CallDelays TimeToFirstCallMinutes,
    IReadOnlyList<string> CountedPatients);

/// <summary>Episodes started, ended and readmitted in the period, in all and per pathway (every pathway present).</summary>
public sealed record EpisodeFigures(int Started, int Ended, int Readmitted, IReadOnlyDictionary<Pathway, PathwayFigures> ByPathway);

public sealed record PathwayFigures(int Started, int Ended, int Readmitted);

/// <summary>Alerts raised in the period, per patient-day of monitoring in it (null without any), and per reason code.</summary>
public sealed record AlertFigures(int Raised, double PatientDays, double? PerPatientDay, IReadOnlyDictionary<string, int> ByReason);

/// <summary>Minutes from raising an alert to its first call: the median and the 90th percentile (null without calls).</summary>
public sealed record CallDelays(double? Median, double? P90);
