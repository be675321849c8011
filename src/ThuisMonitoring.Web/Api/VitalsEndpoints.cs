using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Trends for the patient detail: <c>GET /api/patients/{id}/vitals?sign=&amp;from=&amp;to=</c>. Raw values up to 24 h,
/// per-minute aggregates up to 14 days, with the effective protocol's bands of the sign. Same visibility as the
/// patient itself: a clinician who is not responsible gets 404.
/// </summary>
public static class VitalsEndpoints
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    private static readonly IReadOnlyDictionary<string, (VitalSign Sign, string Unit)> Signs =
        new Dictionary<string, (VitalSign, string)>(StringComparer.Ordinal)
        {
            ["spo2"] = (VitalSign.Spo2, "%"),
            ["heart-rate"] = (VitalSign.HeartRate, "/min"),
            ["respiratory-rate"] = (VitalSign.RespiratoryRate, "/min"),
            ["oxygen-flow"] = (VitalSign.OxygenFlow, "L/min"),
            ["temperature"] = (VitalSign.Temperature, "°C"),
        };

    public static IEndpointRouteBuilder MapVitalsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/patients/{patientId}/vitals", ReadAsync).RequireAuthorization(Policies.Staff).Audited(AuditResources.Vitals, AuditActions.Read);
        return app;
    }

    private static Task<IResult> ReadAsync(
        string patientId, string? sign, string? from, string? to, ClaimsPrincipal caller, PatientAccess access,
        IGrainFactory grains, ITimeSeriesReader reader, TimeProvider clock, CancellationToken cancellationToken) =>
        TrendAsync(patientId, sign, from, to,
            async () => await access.FindVisibleAsync(patientId, caller, cancellationToken) is not null,
            grains, reader, clock, cancellationToken);

    /// <summary>The trend of one sign of <paramref name="patientId"/>, once the query is valid and <paramref name="mayRead"/> says yes (else 404).</summary>
    internal static async Task<IResult> TrendAsync(
        string patientId, string? sign, string? from, string? to, Func<Task<bool>> mayRead,
        IGrainFactory grains, ITimeSeriesReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (sign is null || !Signs.TryGetValue(sign, out var vital))
        {
            return ApiProblem.BadRequest($"sign must be one of: {string.Join(", ", Signs.Keys)}.");
        }

        if (!Validation.TryParseOptionalInstant(to, out var end) || !Validation.TryParseOptionalInstant(from, out var start))
        {
            return ApiProblem.BadRequest("from and to must be ISO 8601 instants with an offset, e.g. 2026-11-26T08:00:00Z.");
        }

        var rangeEnd = end ?? (start is { } s ? s + DefaultSpan : clock.GetUtcNow());
        var rangeStart = start ?? rangeEnd - DefaultSpan;
        if (rangeEnd < rangeStart)
        {
            return ApiProblem.BadRequest("to must not be before from.");
        }

        if (rangeEnd - rangeStart > ITimeSeriesReader.MaxAggregateSpan)
        {
            return ApiProblem.BadRequest($"The range must be at most {ITimeSeriesReader.MaxAggregateSpan.TotalDays} days.");
        }

        if (!await mayRead())
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        var effective = await grains.GetGrain<IPatientGrain>(patientId).GetProtocol();
        var protocol = ProtocolDocumentReader.Read(effective.DocumentJson);
        var bands = BandsOf(vital.Sign, protocol);

        if (rangeEnd - rangeStart <= ITimeSeriesReader.MaxRawSpan)
        {
            var values = await reader.ReadRawAsync(patientId, vital.Sign, rangeStart, rangeEnd, cancellationToken);
            return Results.Ok(new VitalTrendDto(patientId, sign, vital.Unit, rangeStart, rangeEnd, "raw",
                values.Select(VitalValueDto.From).ToList(), [], effective.ProtocolId, bands));
        }

        var aggregates = await reader.ReadPerMinuteAsync(patientId, vital.Sign, rangeStart, rangeEnd, cancellationToken);
        return Results.Ok(new VitalTrendDto(patientId, sign, vital.Unit, rangeStart, rangeEnd, "minute",
            [], aggregates.Select(VitalAggregateDto.From).ToList(), effective.ProtocolId, bands));
    }

    private static IReadOnlyList<VitalBandDto> BandsOf(VitalSign sign, ProtocolDocument protocol)
    {
        var scoring = sign switch
        {
            VitalSign.Spo2 => protocol.Spo2,
            VitalSign.HeartRate => protocol.HeartRate,
            VitalSign.RespiratoryRate => protocol.RespiratoryRate,
            VitalSign.Temperature => protocol.Temperature,
            _ => null,
        };

        if (scoring is null)
        {
            // Oxygen flow has no NEWS2 table: above the protocol's maximum home flow the patient belongs in hospital.
            return
            [
                new VitalBandDto(null, protocol.MaxHomeOxygenFlow, 0, LevelOf(0, protocol)),
                new VitalBandDto(protocol.MaxHomeOxygenFlow, null, protocol.SingleParameterRedScore, LevelOf(protocol.SingleParameterRedScore, protocol)),
            ];
        }

        var bands = new List<VitalBandDto>(scoring.Bands.Count);
        double? above = null;
        foreach (var band in scoring.Bands)
        {
            bands.Add(new VitalBandDto(above, band.UpTo, band.Score, LevelOf(band.Score, protocol)));
            above = band.UpTo;
        }

        return bands;
    }

    private static string LevelOf(int score, ProtocolDocument protocol) =>
        (score >= protocol.SingleParameterRedScore ? Level.Red : score >= protocol.SingleParameterOrangeScore ? Level.Orange : Level.Green).ToCode();
}
