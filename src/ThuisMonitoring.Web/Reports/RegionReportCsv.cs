using System.Globalization;
using CsvHelper;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8): a header <c>figure,value</c>, first the period and organisation, then one row
/// per figure named by its path in the JSON (<c>episodes.byPathway.early-discharge.started</c>,
/// <c>alerts.byReason.spo2-low</c>). Numbers in invariant culture; a figure without a value (null) is empty.
/// </summary>
public static class RegionReportCsv
{
    public const string ContentType = "text/csv";

    public static string Write(RegionReportDto report, DateTimeOffset from, DateTimeOffset to, string? organisation)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, null, leaveOpen: true))
        {
            csv.WriteRecord(["figure", "value"]);
            foreach (var (figure, value) in Rows(report, from, to, organisation))
            {
                csv.WriteRecord([figure, value]);
            }
        }

        return text.ToString();
    }

    public static IEnumerable<(string Figure, string Value)> Rows(RegionReportDto report, DateTimeOffset from, DateTimeOffset to, string? organisation)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return ("from", from.ToString("O", CultureInfo.InvariantCulture));
        yield return ("to", to.ToString("O", CultureInfo.InvariantCulture));
        yield return ("organisation", organisation ?? string.Empty);
        yield return ("episodes.started", Number(report.Episodes.Started));
        yield return ("episodes.ended", Number(report.Episodes.Ended));
        yield return ("episodes.readmitted", Number(report.Episodes.Readmitted));
        foreach (var (pathway, figures) in report.Episodes.ByPathway)
        {
            yield return ($"episodes.byPathway.{pathway}.started", Number(figures.Started));
            yield return ($"episodes.byPathway.{pathway}.ended", Number(figures.Ended));
            yield return ($"episodes.byPathway.{pathway}.readmitted", Number(figures.Readmitted));
        }

        yield return ("readmissionRate", Number(report.ReadmissionRate));
        yield return ("medianEpisodeDays", Number(report.MedianEpisodeDays));
        yield return ("bedDaysSaved", Number(report.BedDaysSaved));
        yield return ("alerts.raised", Number(report.Alerts.Raised));
        yield return ("alerts.perPatientDay", Number(report.Alerts.PerPatientDay));
        foreach (var (reason, count) in report.Alerts.ByReason)
        {
            yield return ($"alerts.byReason.{reason}", Number(count));
        }

        yield return ("timeToFirstCallMinutes.median", Number(report.TimeToFirstCallMinutes.Median));
        yield return ("timeToFirstCallMinutes.p90", Number(report.TimeToFirstCallMinutes.P90));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
