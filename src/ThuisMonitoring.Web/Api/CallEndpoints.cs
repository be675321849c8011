using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The nurse's call about an alert (the call script beside the patient's values, the outcome) and the clinician's side
/// of an escalation (the inbox, taking the case over).
/// </summary>
public static class CallEndpoints
{
    private const int MaxTextLength = 4000;
    private const int MaxAnswers = 100;
    private const int MaxAnswerLength = 1000;
    private const int ListLimit = 5_000;

    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder app)
    {
        var alert = app.MapGroup("/api/alerts/{alertId}").RequireAuthorization(Policies.Staff);
        alert.MapGet("/script", GetScriptAsync).Audited(AuditResources.CallScript, AuditActions.Read);
        alert.MapPost("/calls", RecordCallAsync).Audited(AuditResources.Call, AuditActions.Create);
        alert.MapPost("/escalation/accept", AcceptEscalationAsync).Audited(AuditResources.Escalation, AuditActions.Update);
        app.MapGet("/api/escalations", ListEscalationsAsync).RequireAuthorization(Policies.Staff).Audited(AuditResources.Escalation, AuditActions.Read);
        return app;
    }

    private static async Task<IResult> GetScriptAsync(
        string alertId, ClaimsPrincipal caller, IAlertIndex index, PatientAccess access, IGrainFactory grains,
        AlertPresenter presenter, CancellationToken cancellationToken)
    {
        var alert = await index.GetAsync(alertId, cancellationToken);
        var patient = alert is null ? null : await access.FindVisibleAsync(alert.PatientId, caller, cancellationToken);
        if (alert is null || patient is null)
        {
            return AlertEndpoints.NotVisible(alertId);
        }

        var grain = grains.GetGrain<IPatientGrain>(alert.PatientId);
        IReadOnlyList<CallScript> scripts;
        try
        {
            scripts = await grain.GetCallScripts(alertId);
        }
        catch (AlertTransitionException)
        {
            return AlertEndpoints.NotVisible(alertId);
        }

        var snapshot = await grain.GetEpisode();
        var episode = snapshot is null ? null : new Episode(snapshot);
        var clinicianName = await presenter.DisplayNameAsync(patient.ResponsibleClinician, cancellationToken);
        return Results.Ok(new AlertScriptDto(
            alertId,
            new ScriptPatientDto(patient.PatientId, patient.Name, patient.Phone, (episode?.Level ?? Level.Green).ToCode(),
                episode?.OxygenFlow ?? 0, episode?.LastMeasurement is { } last ? MeasurementDto.From(last) : null),
            new StaffMemberDto(patient.ResponsibleClinician, clinicianName, Roles.Clinician),
            scripts.Select(CallScriptDto.From).ToList(),
            CallOutcomeCodes.All));
    }

    private static async Task<IResult> RecordCallAsync(
        string alertId, RecordCallRequest? request, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains,
        AlertPresenter presenter, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblem.BadRequest("A JSON body with outcome is required.");
        }

        if (!CallOutcomeCodes.TryParse(request.Outcome, out var outcome))
        {
            return ApiProblem.BadRequest($"outcome must be one of: {string.Join(", ", CallOutcomeCodes.All)}.");
        }

        if (request.Note is { Length: > MaxTextLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxTextLength} characters.");
        }

        var answers = new List<CallAnswer>();
        if (request.Answers is { } given)
        {
            if (given.Count > MaxAnswers)
            {
                return ApiProblem.BadRequest($"answers: at most {MaxAnswers}.");
            }

            foreach (var answer in given)
            {
                if (string.IsNullOrWhiteSpace(answer?.StepId) || answer.StepId.Length > 64 || answer.Answer is null || answer.Answer.Length > MaxAnswerLength)
                {
                    return ApiProblem.BadRequest($"each answer needs a stepId (at most 64 characters) and an answer (at most {MaxAnswerLength} characters).");
                }

                answers.Add(new CallAnswer(answer.StepId.Trim(), answer.Answer));
            }
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var report = new CallReport(caller.Username(), outcome, note, answers);
        return await AlertEndpoints.TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            alert => grains.GetGrain<IPatientGrain>(alert.PatientId).RecordCall(alertId, report));
    }

    private static async Task<IResult> AcceptEscalationAsync(
        string alertId, AcceptEscalationRequest? request, ClaimsPrincipal caller, IAlertIndex index, IGrainFactory grains,
        AlertPresenter presenter, CancellationToken cancellationToken)
    {
        if (request?.Note is { Length: > MaxTextLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxTextLength} characters.");
        }

        var alert = await index.GetAsync(alertId, cancellationToken);
        if (alert is null || !await presenter.MaySeeAsync(alert, caller, cancellationToken))
        {
            return AlertEndpoints.NotVisible(alertId);
        }

        if (alert.Escalation is not { IsPending: true } escalation)
        {
            return ApiProblem.Conflict($"Alert '{alertId}' has no escalation waiting for a clinician.");
        }

        if (caller.Role() != Roles.Admin && !string.Equals(escalation.To, caller.Username(), StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblem.Forbidden($"The escalation is addressed to {escalation.To}; only they (or an admin) can take it over.");
        }

        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        return await AlertEndpoints.TransitionAsync(alertId, caller, index, presenter, cancellationToken,
            found => grains.GetGrain<IPatientGrain>(found.PatientId).AcceptEscalation(alertId, caller.Username(), note));
    }

    /// <summary>Pending first, then accepted; newest escalation first within each.</summary>
    private static async Task<IResult> ListEscalationsAsync(
        string? status, ClaimsPrincipal caller, IAlertIndex index, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        bool? pending = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (status is not (EscalationDto.Pending or EscalationDto.Accepted))
            {
                return ApiProblem.BadRequest("status must be pending or accepted.");
            }

            pending = status == EscalationDto.Pending;
        }

        var mine = caller.Role() == Roles.Clinician ? caller.Username() : null;
        var alerts = await index.ListAsync(null, ListLimit, cancellationToken);
        var escalated = alerts
            .Where(a => a.Escalation is { } e
                && (pending is null || e.IsPending == pending)
                && (mine is null || string.Equals(e.To, mine, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(a => a.Escalation!.IsPending)
            .ThenByDescending(a => a.Escalation!.At)
            .ToList();
        return Results.Ok(await presenter.PresentVisibleAsync(escalated, caller, cancellationToken));
    }
}
