using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The responsible clinician's decisions on an episode: the patient's protocol layer, the episode state, the oxygen
/// prescription and the advice. Anyone who may see the patient may read the protocol; only the responsible clinician
/// or an admin may change anything (a nurse gets 403, another clinician 404 as for every patient they may not see).
/// </summary>
public static class EpisodeEndpoints
{
    private const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapEpisodeEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}").RequireAuthorization(Policies.Staff);
        patient.MapGet("/protocol", GetProtocolAsync).Audited(AuditResources.Protocol, AuditActions.Read);
        patient.MapPut("/protocol", PutProtocolAsync).Audited(AuditResources.Protocol, AuditActions.Update);
        patient.MapPost("/state", TransitionAsync).Audited(AuditResources.Episode, AuditActions.Update);
        patient.MapPost("/oxygen", ChangeOxygenFlowAsync).Audited(AuditResources.OxygenPrescription, AuditActions.Update);
        patient.MapPost("/advice/{adviceId}/accept", (string patientId, string adviceId, AdviceDecisionRequest? request, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, CancellationToken cancellationToken) =>
            DecideAsync(patientId, adviceId, accept: true, request, caller, access, grains, cancellationToken))
            .Audited(AuditResources.Advice, AuditActions.Update);
        patient.MapPost("/advice/{adviceId}/reject", (string patientId, string adviceId, AdviceDecisionRequest? request, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, CancellationToken cancellationToken) =>
            DecideAsync(patientId, adviceId, accept: false, request, caller, access, grains, cancellationToken))
            .Audited(AuditResources.Advice, AuditActions.Update);
        return app;
    }

    private static async Task<IResult> GetProtocolAsync(string patientId, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await access.FindVisibleAsync(patientId, caller, cancellationToken) is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        var protocol = await grains.GetGrain<IPatientGrain>(patientId).GetProtocol();
        return Results.Ok(new PatientProtocolDto(protocol.ProtocolId, ProtocolLayers.AsJson(protocol.DocumentJson)));
    }

    private static async Task<IResult> PutProtocolAsync(
        string patientId, JsonElement? body, ClaimsPrincipal caller, PatientAccess access, IProtocolLibrary library,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (record, refusal) = await DeciderAsync(patientId, caller, access, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        return await SaveLayerAsync(record, body, caller, library, grains, reason: null, cancellationToken);
    }

    /// <summary>
    /// Validates and saves the patient's protocol layer (on the organisation's protocol); with a reason (the threshold
    /// form of the clinician's workspace) the reason lands in the timeline. Answers <c>{protocolId}</c> or 400.
    /// </summary>
    internal static async Task<IResult> SaveLayerAsync(
        PatientRecord record, JsonElement? body, ClaimsPrincipal caller, IProtocolLibrary library, IGrainFactory grains, string? reason,
        CancellationToken cancellationToken)
    {
        var patientId = record.PatientId;
        var current = await library.GetLayerAsync(ProtocolScopes.Patient(patientId), cancellationToken);
        var (layerJson, errors) = ProtocolLayers.Stamp(body, "patient", (current?.Version ?? 0) + 1);
        if (layerJson is null)
        {
            return ProtocolProblem.Refused(errors);
        }

        // Checked here on the organisation's protocol so the errors keep their fields; the grain checks again.
        var organisationLayer = record.Organisation is null
            ? null
            : await library.GetLayerAsync(ProtocolScopes.Organisation(record.Organisation), cancellationToken);
        errors = ProtocolDocumentReader.ValidateLayered(
            CovidOxygenProtocol.Json,
            organisationLayer is null ? [layerJson] : [organisationLayer.LayerJson, layerJson]);
        if (errors.Count > 0)
        {
            return ProtocolProblem.Refused(errors);
        }

        try
        {
            var grain = grains.GetGrain<IPatientGrain>(patientId);
            var protocolId = reason is null
                ? await grain.SetProtocolLayer(layerJson, caller.Username())
                : await grain.ChangeThresholds(layerJson, caller.Username(), reason);
            return Results.Ok(new { protocolId });
        }
        catch (ProtocolDocumentException exception)
        {
            return ProtocolProblem.Refused(exception);
        }
    }

    private static async Task<IResult> TransitionAsync(
        string patientId, TransitionRequest? request, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains,
        DeviceRevocation revocation, CancellationToken cancellationToken)
    {
        var (record, refusal) = await DeciderAsync(patientId, caller, access, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        if (!TryParseState(request?.State, out var to))
        {
            return ApiProblem.BadRequest("state must be one of: monitoring, weaning, ended, readmitted.");
        }

        if (string.IsNullOrWhiteSpace(request!.Reason) || request.Reason.Length > MaxTextLength)
        {
            return ApiProblem.BadRequest($"reason is required (at most {MaxTextLength} characters).");
        }

        try
        {
            var transition = await grains.GetGrain<IPatientGrain>(patientId).Transition(to, caller.Username(), request.Reason.Trim());
            if (to is EpisodeState.Ended or EpisodeState.Readmitted)
            {
                // End of episode: the meter and the app stop being the patient's at once (CONTRACT section 2 refuses them from now on).
                await revocation.RevokeAsync(patientId, CancellationToken.None, episodeEnded: true);
            }

            return Results.Ok(TransitionDto.Of(transition));
        }
        catch (EpisodeTransitionException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }
    }

    private static async Task<IResult> ChangeOxygenFlowAsync(
        string patientId, OxygenFlowRequest? request, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (record, refusal) = await DeciderAsync(patientId, caller, access, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        if (request?.Flow is not { } flow || !MeasurementRanges.OxygenFlow.Contains(flow))
        {
            return ApiProblem.BadRequest(Validation.OxygenFlowRequired("flow"));
        }

        try
        {
            await grains.GetGrain<IPatientGrain>(patientId).ChangeOxygenFlow(flow, caller.Username());
            return Results.Ok(new { patientId, oxygenFlow = flow });
        }
        catch (EpisodeTransitionException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }
    }

    private static async Task<IResult> DecideAsync(
        string patientId, string adviceId, bool accept, AdviceDecisionRequest? request, ClaimsPrincipal caller, PatientAccess access,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (record, refusal) = await DeciderAsync(patientId, caller, access, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        if (request?.Note is { Length: > MaxTextLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxTextLength} characters.");
        }

        var grain = grains.GetGrain<IPatientGrain>(patientId);
        var episode = await grain.GetEpisode();
        if (episode?.Advice?.Any(a => a.AdviceId == adviceId) != true)
        {
            return ApiProblem.NotFound($"Advice '{adviceId}' does not exist for patient '{patientId}'.");
        }

        try
        {
            return Results.Ok(AdviceDto.From(await grain.DecideAdvice(adviceId, accept, caller.Username(), request?.Note)));
        }
        catch (EpisodeTransitionException exception)
        {
            return ApiProblem.Conflict(exception.Message);
        }
    }

    /// <summary>The patient record when the caller may decide for this patient, else the problem to answer.</summary>
    internal static async Task<(PatientRecord? Record, IResult? Refusal)> DeciderAsync(
        string patientId, ClaimsPrincipal caller, PatientAccess access, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return (null, PatientEndpoints.NotVisible(patientId));
        }

        if (caller.Role() is not (Roles.Admin or Roles.Clinician))
        {
            return (null, ApiProblem.Forbidden("Only the responsible clinician or an admin may change the episode, the prescription or the protocol."));
        }

        return (record, null);
    }

    private static bool TryParseState(string? code, out EpisodeState state)
    {
        foreach (var candidate in Enum.GetValues<EpisodeState>())
        {
            if (candidate.ToCode() == code)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
