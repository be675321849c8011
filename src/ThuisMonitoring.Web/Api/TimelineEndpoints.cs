using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>The patient's timeline (alerts, calls, escalations, notes, prescription and episode changes) and free-text notes.</summary>
public static class TimelineEndpoints
{
    private const int MaxNoteLength = 4000;

    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}").RequireAuthorization(Policies.Staff);
        patient.MapGet("/timeline", GetTimelineAsync).Audited(AuditResources.Timeline, AuditActions.Read);
        patient.MapPost("/notes", AddNoteAsync).Audited(AuditResources.Note, AuditActions.Create);
        return app;
    }

    /// <summary>
    /// Newest first: the detail page reads from the top. One page of at most <c>limit</c> entries (default and maximum
    /// <see cref="TimelineQuery.MaxLimit"/>, as many as the timeline held before it was stored whole), older than the
    /// entry <c>before</c> when given; when older entries remain, a <c>Link</c> header (rel="next") names the next page.
    /// </summary>
    private static async Task<IResult> GetTimelineAsync(
        string patientId, int? limit, string? before, HttpContext http, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > TimelineQuery.MaxLimit)
        {
            return ApiProblem.BadRequest($"limit must be from 1 to {TimelineQuery.MaxLimit}.");
        }

        if (before is { Length: 0 or > 64 })
        {
            return ApiProblem.BadRequest("before must be the entryId of a timeline entry.");
        }

        if (await access.FindVisibleAsync(patientId, caller, cancellationToken) is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        try
        {
            var pageSize = limit ?? TimelineQuery.MaxLimit;
            var page = await grains.GetGrain<IPatientGrain>(patientId).GetTimelinePage(new TimelineQuery(NewestFirst: true, After: before, Limit: pageSize));
            if (page.Next is { } next)
            {
                http.Response.Headers.Link = $"</api/patients/{Uri.EscapeDataString(patientId)}/timeline?limit={pageSize}&before={Uri.EscapeDataString(next)}>; rel=\"next\"";
            }

            return Results.Ok(page.Entries.Select(TimelineEntryDto.From).ToList());
        }
        catch (PatientNotEnrolledException)
        {
            return PatientEndpoints.NotVisible(patientId);
        }
    }

    private static async Task<IResult> AddNoteAsync(
        string patientId, AddNoteRequest? request, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await access.FindVisibleAsync(patientId, caller, cancellationToken) is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNoteLength)
        {
            return ApiProblem.BadRequest($"text is required (at most {MaxNoteLength} characters).");
        }

        try
        {
            var entry = await grains.GetGrain<IPatientGrain>(patientId).AddNote(caller.Username(), text);
            return Results.Created($"/api/patients/{patientId}/timeline#{entry.EntryId}", TimelineEntryDto.From(entry));
        }
        catch (PatientNotEnrolledException)
        {
            return PatientEndpoints.NotVisible(patientId);
        }
    }
}
