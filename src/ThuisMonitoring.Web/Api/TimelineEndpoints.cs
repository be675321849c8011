using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
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

    /// <summary>Newest first: the detail page reads from the top.</summary>
    private static async Task<IResult> GetTimelineAsync(
        string patientId, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await access.FindVisibleAsync(patientId, caller, cancellationToken) is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        try
        {
            var timeline = await grains.GetGrain<IPatientGrain>(patientId).GetTimeline();
            return Results.Ok(timeline.Reverse().Select(TimelineEntryDto.From).ToList());
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
