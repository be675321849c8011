using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Reading the NEN 7513 audit trail: <c>GET /api/audit</c> (admin: all; privacy officer: their organisation's patients
/// and users, <see cref="ReviewableAuditTrail"/>), <c>GET /api/audit/verify</c>
/// (admin) and <c>GET /api/me/access-log</c> (the patient, about their own data). Every read of the trail is
/// itself recorded (resource <c>audit</c> or <c>access-log</c>).
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", QueryAsync).RequireAuthorization(Policies.AuditReader);
        app.MapGet("/api/audit/verify", VerifyAsync).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/me/access-log", AccessLogAsync).RequireAuthorization(Policies.Patient);
        return app;
    }

    private static async Task<IResult> QueryAsync(
        string? patient, string? user, string? from, string? to, int? page, int? pageSize,
        ClaimsPrincipal caller, ReviewableAuditTrail trail, PatientAccess access, AuditRecorder recorder,
        CancellationToken cancellationToken)
    {
        if (!Validation.TryParseOptionalInstant(from, out var start) || !Validation.TryParseOptionalInstant(to, out var end))
        {
            return ApiProblem.BadRequest("from and to must be ISO 8601 instants with an offset, e.g. 2026-11-26T08:00:00Z.");
        }

        if (PagingProblem(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = new AuditQuery(Blank(patient), Blank(user), start, end, page ?? 1, pageSize ?? AuditQuery.DefaultPageSize);
        // A privacy officer gets only what they may review, whatever the filters: of another organisation's patient
        // nothing but what their own organisation's users did.
        var found = await trail.QueryAsync(query, await access.ScopeAsync(caller, cancellationToken), cancellationToken);
        if (!await TryRecordAsync(recorder, caller, query.PatientId, AuditResources.Audit, AuditPurposes.PrivacyReview))
        {
            return AuditFilter.Unavailable();
        }

        return Results.Ok(new AuditPageDto(found.Records.Select(AuditRecordDto.From).ToList(), found.Page, found.PageSize, found.HasMore));
    }

    private static async Task<IResult> VerifyAsync(ClaimsPrincipal caller, IAuditLog log, AuditRecorder recorder, CancellationToken cancellationToken)
    {
        var verification = await log.VerifyAsync(cancellationToken);
        if (!await TryRecordAsync(recorder, caller, null, AuditResources.Audit, AuditPurposes.PrivacyReview))
        {
            return AuditFilter.Unavailable();
        }

        return Results.Ok(AuditVerificationDto.From(verification));
    }

    private static async Task<IResult> AccessLogAsync(
        int? page, int? pageSize, ClaimsPrincipal caller, IAuditLog log, AuditRecorder recorder, CancellationToken cancellationToken)
    {
        var patientId = caller.PatientId()!;
        if (PagingProblem(page, pageSize) is { } problem)
        {
            return problem;
        }

        var found = await log.QueryAsync(new AuditQuery(PatientId: patientId, Page: page ?? 1, PageSize: pageSize ?? AuditQuery.DefaultPageSize), cancellationToken);
        if (!await TryRecordAsync(recorder, caller, patientId, AuditResources.AccessLog, AuditPurposes.Patient))
        {
            return AuditFilter.Unavailable();
        }

        return Results.Ok(new AccessLogPageDto(found.Records.Select(AccessLogEntryDto.From).ToList(), found.Page, found.PageSize, found.HasMore));
    }

    private static async Task<bool> TryRecordAsync(AuditRecorder recorder, ClaimsPrincipal caller, string? patientId, string resource, string purpose)
    {
        try
        {
            await recorder.RecordAsync(caller, patientId is null ? [] : [patientId], resource, AuditActions.Read, AuditChannels.Api, purpose);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static IResult? PagingProblem(int? page, int? pageSize) =>
        page is < 1 ? ApiProblem.BadRequest("page must be 1 or more.")
        : pageSize is < 1 or > AuditQuery.MaxPageSize ? ApiProblem.BadRequest($"pageSize must be from 1 to {AuditQuery.MaxPageSize}.")
        : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
