using System.Text;
using Microsoft.AspNetCore.Http;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// The answer of <c>GET /api/reports/region</c>: the figures as JSON, or as CSV when the caller accepts
/// <c>text/csv</c>. <see cref="CountedPatients"/> (not in the body) tells the audit filter whose data the figures were
/// made of.
/// </summary>
public sealed class RegionReportAnswer(RegionReportDto report, DateTimeOffset from, DateTimeOffset to, string? organisation, IReadOnlyList<string> countedPatients, bool csv)
    : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    public IReadOnlyList<string> CountedPatients { get; } = countedPatients;

    public int? StatusCode => StatusCodes.Status200OK;

    public object? Value => this;

    public RegionReportDto Report { get; } = report;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.Vary = "Accept";
        if (!csv)
        {
            return Results.Json(Report).ExecuteAsync(httpContext);
        }

        var name = $"regiorapportage-{from.UtcDateTime:yyyyMMdd}-{to.UtcDateTime:yyyyMMdd}{(organisation is null ? string.Empty : "-" + organisation)}.csv";
        httpContext.Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = name, DispositionType = "attachment" }.ToString();
        return Results.Text(RegionReportCsv.Write(Report, from, to, organisation), RegionReportCsv.ContentType, Encoding.UTF8).ExecuteAsync(httpContext);
    }
}
