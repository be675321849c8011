using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Warm handover of medical responsibility (CONTRACT section 7), e.g. hospital specialist to GP: the responsible
/// clinician sends a summary to a colleague, who accepts or declines it with a note. Until accepted the sender stays
/// responsible (and gets the escalations); afterwards the receiver does, and the sender no longer sees the patient.
/// The rule is the episode's (<see cref="CareHandoverBook"/>); the register indexes handovers for the receiver's inbox.
/// Not the nurses' alert handover (<c>/api/alerts/{id}/handover</c>).
/// </summary>
public static class CareHandoverEndpoints
{
    private const int MaxNoteLength = 4000;

    public static IEndpointRouteBuilder MapCareHandoverEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}/handover").RequireAuthorization(Policies.Staff);
        patient.MapPost("", RequestAsync).Audited(AuditResources.CareHandover, AuditActions.Create);
        patient.MapGet("/{handoverId}", GetAsync).Audited(AuditResources.CareHandover, AuditActions.Read);
        patient.MapPost("/{handoverId}/accept", (string patientId, string handoverId, CareHandoverDecisionRequest? request, ClaimsPrincipal caller, HandoverServices services, CancellationToken cancellationToken) =>
            DecideAsync(patientId, handoverId, accept: true, request, caller, services, cancellationToken)).Audited(AuditResources.CareHandover, AuditActions.Update);
        patient.MapPost("/{handoverId}/decline", (string patientId, string handoverId, CareHandoverDecisionRequest? request, ClaimsPrincipal caller, HandoverServices services, CancellationToken cancellationToken) =>
            DecideAsync(patientId, handoverId, accept: false, request, caller, services, cancellationToken)).Audited(AuditResources.CareHandover, AuditActions.Update);
        app.MapGet("/api/care-handovers", ListAsync).RequireAuthorization(Policies.Staff).Audited(AuditResources.CareHandover, AuditActions.Read);
        return app;
    }

    private static async Task<IResult> RequestAsync(
        string patientId, CareHandoverRequest? request, ClaimsPrincipal caller, HandoverServices services, IUserDirectory users, CareSummary summaries,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var record = await services.Access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        if (caller.Role() != Roles.Clinician || !Same(record.ResponsibleClinician, caller.Username()))
        {
            return ApiProblem.Forbidden($"Only the responsible clinician ({record.ResponsibleClinician}) can hand this patient over.");
        }

        var to = request?.To?.Trim();
        var receiver = string.IsNullOrEmpty(to) || to.Length > 200 ? null : await users.FindAsync(to, cancellationToken);
        if (receiver is null || receiver.Role != Roles.Clinician || receiver.Disabled)
        {
            return ApiProblem.BadRequest("to must be the username of an active user with role clinician.");
        }

        if (request!.Note is { Length: > MaxNoteLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxNoteLength} characters.");
        }

        var summary = await summaries.OfAsync(record, cancellationToken);
        if (summary is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        CareHandover handover;
        try
        {
            handover = await services.Grains.GetGrain<IPatientGrain>(patientId)
                .RequestHandover(Guid.CreateVersion7().ToString("N"), caller.Username(), receiver.Username, request.Note);
        }
        catch (CareHandoverException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }

        var stored = new CareHandoverRecord(patientId, handover, JsonSerializer.Serialize(summary, json.Value.SerializerOptions));
        try
        {
            await services.Register.SaveAsync(stored, cancellationToken);
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            // The episode holds a request nobody can find: withdraw it, or it would block every next handover.
            return await services.UndoAsync(patientId, handover.HandoverId, "request", exception);
        }

        var dto = await services.PresentAsync(stored, record.Name, cancellationToken);
        await services.Push.ChangedAsync(dto, record.Organisation, cancellationToken);
        return Results.Accepted($"/api/patients/{patientId}/handover/{handover.HandoverId}", dto);
    }

    private static async Task<IResult> GetAsync(string patientId, string handoverId, ClaimsPrincipal caller, HandoverServices services, CancellationToken cancellationToken)
    {
        var (stored, record, refusal) = await services.FindAsync(patientId, handoverId, caller, cancellationToken);
        return refusal ?? Results.Ok(await services.PresentAsync(stored!, record!.Name, cancellationToken));
    }

    private static async Task<IResult> DecideAsync(
        string patientId, string handoverId, bool accept, CareHandoverDecisionRequest? request, ClaimsPrincipal caller, HandoverServices services,
        CancellationToken cancellationToken)
    {
        var (stored, record, refusal) = await services.FindAsync(patientId, handoverId, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!Same(stored!.Handover.To, caller.Username()))
        {
            return ApiProblem.Forbidden($"The handover is addressed to {stored.Handover.To}; only they can accept or decline it.");
        }

        if (request?.Note is { Length: > MaxNoteLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxNoteLength} characters.");
        }

        CareHandover decided;
        try
        {
            decided = await services.Grains.GetGrain<IPatientGrain>(patientId).DecideHandover(handoverId, accept, caller.Username(), request?.Note);
        }
        catch (CareHandoverException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }

        // The episode has decided; the directory (whom the visibility rule reads as responsible) and the register follow.
        // Either both follow or the decision is undone in the episode: responsibility moves with its record or not at all.
        var updated = stored with { Handover = decided };
        var directoryMoved = false;
        try
        {
            if (decided.Status == CareHandoverStatus.Accepted)
            {
                // From here on the receiver sees the patient (and the sender does not): the one visibility rule reads this record.
                await services.Directory.AddAsync(record! with { ResponsibleClinician = decided.To }, cancellationToken);
                directoryMoved = true;
                services.Presenter.Forget(patientId);
            }

            await services.Register.SaveAsync(updated, cancellationToken);
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            return await services.UndoAsync(patientId, handoverId, decided.Status.ToCode(), exception, directoryMoved ? record : null);
        }

        var dto = await services.PresentAsync(updated, record!.Name, cancellationToken);
        await services.Push.ChangedAsync(dto, record.Organisation, cancellationToken);
        return Results.Ok(dto);
    }

    /// <summary>The caller's handovers, received and sent, newest first; <c>status=pending</c> for those still waiting.</summary>
    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal caller, HandoverServices services, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(status) && status != CareHandoverStatus.Pending.ToCode())
        {
            return ApiProblem.BadRequest("status must be pending (or left out for every handover).");
        }

        var listed = await services.Register.ListForClinicianAsync(caller.Username(), pendingOnly: !string.IsNullOrEmpty(status), cancellationToken);
        var result = new List<CareHandoverDto>();
        foreach (var stored in listed)
        {
            var record = await services.Directory.GetAsync(stored.PatientId, cancellationToken);
            if (record is not null)
            {
                result.Add(await services.PresentAsync(stored, record.Name, cancellationToken));
            }
        }

        return Results.Ok(result);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>A store that could not write (SQLite busy or read-only, PostgreSQL down): the step is compensated, never a 500.</summary>
    private static bool IsStoreFailure(Exception exception) => exception is System.Data.Common.DbException or IOException or TimeoutException;
}

/// <summary>What the handover endpoints share: the stores, the grains, names for display, and who may read a handover.</summary>
public sealed class HandoverServices(
    IPatientDirectory directory, ICareHandoverRegister register, IGrainFactory grains, AlertPresenter presenter, Access.PatientAccess access,
    Hubs.ICareHandoverPush push, ILogger<HandoverServices> logger)
{
    public Hubs.ICareHandoverPush Push => push;

    /// <summary>
    /// The compensation of a half-done step: the episode takes it back (a request withdrawn, a decision pending again,
    /// responsibility and escalations back with the sender), a directory record already moved is put back, and the
    /// caller gets 503 to try again. Should the compensation fail as well, it is logged as critical.
    /// </summary>
    public async Task<IResult> UndoAsync(string patientId, string handoverId, string step, Exception failure, PatientRecord? movedRecord = null)
    {
        logger.LogError(failure, "Handover {HandoverId} of patient {PatientId}: the {Step} could not be stored; undoing it", handoverId, patientId, step);
        try
        {
            await grains.GetGrain<IPatientGrain>(patientId).UndoHandover(handoverId, $"Overdracht niet voltooid ({step}): de opslag was niet beschikbaar; er is niets veranderd.");
            if (movedRecord is not null)
            {
                await directory.AddAsync(movedRecord, CancellationToken.None);
                presenter.Forget(patientId);
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or TimeoutException or CareHandoverException)
        {
            logger.LogCritical(exception, "Handover {HandoverId} of patient {PatientId}: the {Step} could not be undone; episode, directory and register may disagree", handoverId, patientId, step);
        }

        return Results.Problem(
            detail: "The handover could not be stored, so nothing changed: the sender is still responsible. Try again shortly.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Handover not completed");
    }

    public IPatientDirectory Directory => directory;

    public Access.PatientAccess Access => access;

    public ICareHandoverRegister Register => register;

    public IGrainFactory Grains => grains;

    public AlertPresenter Presenter => presenter;

    public async Task<CareHandoverDto> PresentAsync(CareHandoverRecord stored, string? patientName, CancellationToken cancellationToken) =>
        CareHandoverDto.Of(stored, patientName,
            await presenter.DisplayNameAsync(stored.Handover.From, cancellationToken), await presenter.DisplayNameAsync(stored.Handover.To, cancellationToken));

    /// <summary>
    /// The handover and its patient when the caller may read it: whoever may see the patient, and the receiver (who
    /// cannot see the patient yet: the summary is what they decide on). Everyone else gets 404.
    /// </summary>
    public async Task<(CareHandoverRecord? Stored, PatientRecord? Record, IResult? Refusal)> FindAsync(
        string patientId, string handoverId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var stored = await register.GetAsync(handoverId, cancellationToken);
        var record = stored is null || stored.PatientId != patientId ? null : await directory.GetAsync(patientId, cancellationToken);
        if (stored is null || record is null
            || !(await access.MaySeeAsync(caller, record, cancellationToken) || string.Equals(stored.Handover.To, caller.Username(), StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, ApiProblem.NotFound($"Handover '{handoverId}' of patient '{patientId}' does not exist or is not yours to see."));
        }

        return (stored, record, null);
    }
}
