using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The alert list and the nurse's steps: claim / unclaim / hand over (one nurse works an alert at a time; a taken
/// alert answers 409), acknowledge (which also claims) and resolve.
/// </summary>
public static class AlertEndpoints
{
    private const int ListLimit = 5_000;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").RequireAuthorization(Policies.Staff);
        alerts.MapGet("", ListAsync).Audited(AuditResources.Alert, AuditActions.Read);
        alerts.MapPost("/{alertId}/acknowledge", AcknowledgeAsync).Audited(AuditResources.Alert, AuditActions.Update);
        alerts.MapPost("/{alertId}/resolve", ResolveAsync).Audited(AuditResources.Alert, AuditActions.Update);
        alerts.MapPost("/{alertId}/claim", ClaimAsync).Audited(AuditResources.Alert, AuditActions.Update);
        alerts.MapPost("/{alertId}/unclaim", UnclaimAsync).Audited(AuditResources.Alert, AuditActions.Update);
        alerts.MapPost("/{alertId}/handover", HandOverAsync).Audited(AuditResources.Alert, AuditActions.Update);
        app.MapCallEndpoints();
        return app;
    }

    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal caller, IAlertIndex index, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        AlertStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!AlertStatusNames.TryParse(status, out var parsed))
            {
                return ApiProblem.BadRequest("status must be open, acknowledged or resolved.");
            }

            filter = parsed;
        }

        var alerts = await index.ListAsync(filter, ListLimit, cancellationToken);
        var ordered = alerts.OrderByDescending(a => a.Level == Level.Red).ThenBy(a => a.RaisedAt);
        var visible = await presenter.PresentVisibleAsync(ordered, caller, cancellationToken);
        return Results.Ok(visible);
    }

    private static Task<IResult> AcknowledgeAsync(string alertId, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken) =>
        TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).Acknowledge(alertId, caller.Username()));

    private static async Task<IResult> ResolveAsync(string alertId, ResolveAlertRequest? request, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Outcome) || request.Outcome.Length > 200)
        {
            return ApiProblem.BadRequest("outcome is required (at most 200 characters).");
        }

        if (request.Note is { Length: > 4000 })
        {
            return ApiProblem.BadRequest("note must be at most 4000 characters.");
        }

        return await TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).Resolve(alertId, caller.Username(), request.Outcome.Trim(), request.Note));
    }

    private static Task<IResult> ClaimAsync(string alertId, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken) =>
        TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).Claim(alertId, caller.Username()));

    private static Task<IResult> UnclaimAsync(string alertId, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken) =>
        TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).Unclaim(alertId, caller.Username()));

    private static async Task<IResult> HandOverAsync(
        string alertId, HandOverAlertRequest? request, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains, IUserDirectory users,
        AlertPresenter presenter, Access.PatientAccess access, CancellationToken cancellationToken)
    {
        var to = request?.To?.Trim();
        if (string.IsNullOrEmpty(to) || to.Length > 200)
        {
            return ApiProblem.BadRequest("to is required: the username of the nurse who takes the alert over.");
        }

        var colleague = await users.FindAsync(to, cancellationToken);
        if (colleague is null || colleague.Role != Roles.Nurse)
        {
            return ApiProblem.BadRequest($"'{to}' is not a nurse; an alert can only be handed over to a nurse.");
        }

        var found = await index.GetAsync(alertId, cancellationToken);
        if (found is not null && await presenter.MaySeeAsync(found, caller, cancellationToken) && !await access.MaySeeAsync(colleague, found.PatientId, cancellationToken))
        {
            return ApiProblem.BadRequest($"'{to}' may not see this patient (another monitoring centre); hand the alert to a nurse who does.");
        }

        return await TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).HandOver(alertId, caller.Username(), colleague.Username));
    }

    /// <summary>404 for an alert that does not exist or that the caller may not see (the two are not told apart).</summary>
    internal static IResult NotVisible(string alertId) =>
        ApiProblem.NotFound($"Alert '{alertId}' does not exist or is not yours to see.");

    /// <summary>Finds the alert (404 when not visible to the caller), runs the grain step, answers the changed alert (409 when refused).</summary>
    internal static async Task<IResult> TransitionAsync(
        string alertId, ClaimsPrincipal caller, IAlertIndex index, AlertPresenter presenter, CancellationToken cancellationToken,
        Func<Alert, Task<Alert>> transition)
    {
        var alert = await index.GetAsync(alertId, cancellationToken);
        if (alert is null || !await presenter.MaySeeAsync(alert, caller, cancellationToken))
        {
            return NotVisible(alertId);
        }

        try
        {
            var changed = await transition(alert);
            return Results.Ok(await presenter.PresentAsync(changed, cancellationToken));
        }
        catch (AlertTransitionException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }
    }
}
