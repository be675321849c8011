using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Domain.Reports;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// <c>GET /api/reports/region?from=&amp;to=&amp;organisation=</c> (staff): the regional figures over the patients the
/// caller may see (CONTRACT sections 7 and 10; definitions in docs/reports.md). An organisation the caller may not see
/// answers 404 like one that does not exist. Audited: one record per patient counted.
/// </summary>
public static class RegionReportEndpoints
{
    public static IServiceCollection AddRegionReports(this IServiceCollection services, IConfiguration configuration)
    {
        // A wrong factor stops the start, not a report later.
        services.AddOptions<RegionReportOptions>()
            .Bind(configuration.GetSection(RegionReportOptions.Section))
            .Validate(options => options.Problem() is null, $"{RegionReportOptions.Section}:BedDaysSaved: give each pathway (early-discharge, emergency-department, general-practice) a number of days, 0 or more.")
            .ValidateOnStart();
        services.AddSingleton<RegionReportSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegionReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/region", ReportAsync)
            .RequireAuthorization(Policies.Staff)
            .Audited(AuditResources.RegionReport, AuditActions.Read);
        return app;
    }

    private static async Task<IResult> ReportAsync(
        string? from, string? to, string? organisation, HttpRequest request, ClaimsPrincipal caller, PatientAccess access,
        RegionReportSource source, IOptions<RegionReportOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (ReportPeriodQuery.Parse(from, to, now, out var error) is not { } period)
        {
            return ApiProblem.BadRequest(error!);
        }

        organisation = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim();
        var scope = await access.ScopeAsync(caller, cancellationToken);
        if (organisation is not null && (scope.Region.Find(organisation) is null || !scope.MaySeeOrganisation(organisation)))
        {
            return ApiProblem.NotFound($"Organisation '{organisation}' does not exist or is not yours to see.");
        }

        var episodes = await source.EpisodesAsync(scope, organisation, cancellationToken);
        var report = RegionReportCalculation.Calculate(episodes, period, now, options.Value.Factors());
        var csv = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(RegionReportCsv.ContentType, StringComparison.OrdinalIgnoreCase));
        return new RegionReportAnswer(RegionReportDto.From(report), period.From, period.To, organisation, report.CountedPatients, csv);
    }
}
