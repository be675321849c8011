using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Reports;

namespace ThuisMonitoring.Web.Reports;

/// <summary>The JSON of <c>GET /api/reports/region</c> (CONTRACT section 10), exactly these fields.</summary>
public sealed record RegionReportDto(
    RegionEpisodesDto Episodes,
    double? ReadmissionRate,
    double? MedianEpisodeDays,
    double BedDaysSaved,
    RegionAlertsDto Alerts,
    CallDelaysDto TimeToFirstCallMinutes)
{
    public static RegionReportDto From(RegionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var episodes = report.Episodes;
        return new RegionReportDto(
            new RegionEpisodesDto(
                episodes.Started,
                episodes.Ended,
                episodes.Readmitted,
                episodes.ByPathway.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToCode(), p => new PathwayEpisodesDto(p.Value.Started, p.Value.Ended, p.Value.Readmitted), StringComparer.Ordinal)),
            report.ReadmissionRate,
            report.MedianEpisodeDays,
            report.BedDaysSaved,
            new RegionAlertsDto(report.Alerts.Raised, report.Alerts.PerPatientDay, report.Alerts.ByReason),
            new CallDelaysDto(report.TimeToFirstCallMinutes.Median, report.TimeToFirstCallMinutes.P90));
    }
}

public sealed record RegionEpisodesDto(int Started, int Ended, int Readmitted, IReadOnlyDictionary<string, PathwayEpisodesDto> ByPathway);

public sealed record PathwayEpisodesDto(int Started, int Ended, int Readmitted);

public sealed record RegionAlertsDto(int Raised, double? PerPatientDay, IReadOnlyDictionary<string, int> ByReason);

public sealed record CallDelaysDto(double? Median, double? P90);
