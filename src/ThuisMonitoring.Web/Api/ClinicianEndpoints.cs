using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// What the clinician's workspace adds to the episode endpoints: per-patient thresholds with a reason, shown as a
/// difference from the organisation's protocol; the discharge summary for the GP; the eligibility check before an
/// enrolment is confirmed; and the warm handover (<see cref="CareHandoverEndpoints"/>).
/// </summary>
public static class ClinicianEndpoints
{
    private const int MaxReasonLength = 4000;

    public static IEndpointRouteBuilder MapClinicianEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}").RequireAuthorization(Policies.Staff);
        patient.MapGet("/thresholds", GetThresholdsAsync).Audited(AuditResources.Thresholds, AuditActions.Read);
        patient.MapPut("/thresholds", PutThresholdsAsync).Audited(AuditResources.Thresholds, AuditActions.Update);
        patient.MapGet("/discharge-summary", GetDischargeSummaryAsync).Audited(AuditResources.DischargeSummary, AuditActions.Read);
        // About no patient yet: the values are checked and answered, nothing is stored.
        app.MapPost("/api/eligibility", CheckEligibilityAsync).RequireAuthorization(Policies.Staff);
        app.MapCareHandoverEndpoints();
        return app;
    }

    private static async Task<IResult> GetThresholdsAsync(
        string patientId, ClaimsPrincipal caller, PatientAccess access, IProtocolLibrary library, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        var organisation = await OrganisationProtocolAsync(record.Organisation, library, cancellationToken);
        var effective = await grains.GetGrain<IPatientGrain>(patientId).GetProtocol();
        var patientLayer = await library.GetLayerAsync(ProtocolScopes.Patient(patientId), cancellationToken);
        var differences = ProtocolDifference.Between(organisation, ProtocolDocumentReader.Read(effective.DocumentJson));
        return Results.Ok(new ThresholdsDto(
            organisation.Id,
            effective.ProtocolId,
            patientLayer is null ? null : ProtocolLayers.AsJson(patientLayer.LayerJson),
            differences.Select(d => new ThresholdDifferenceDto(d.Field, Json(d.Organisation), Json(d.Patient))).ToList()));
    }

    private static async Task<IResult> PutThresholdsAsync(
        string patientId, ThresholdsChangeRequest? request, ClaimsPrincipal caller, PatientAccess access, IProtocolLibrary library,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (record, refusal) = await EpisodeEndpoints.DeciderAsync(patientId, caller, access, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > MaxReasonLength)
        {
            return ApiProblem.BadRequest($"reason is required (at most {MaxReasonLength} characters): why this patient deviates from the protocol.");
        }

        return await EpisodeEndpoints.SaveLayerAsync(record, request.Layer, caller, library, grains, request.Reason.Trim(), cancellationToken);
    }

    private static async Task<IResult> GetDischargeSummaryAsync(
        string patientId, ClaimsPrincipal caller, PatientAccess access, CareSummary summaries, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        var summary = record is null ? null : await summaries.OfAsync(record, cancellationToken);
        return summary is null ? PatientEndpoints.NotVisible(patientId) : Results.Ok(summary);
    }

    private static async Task<IResult> CheckEligibilityAsync(
        EligibilityCheckRequest? request, IUserDirectory users, IProtocolLibrary library, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PathwayNames.TryParse(request?.Pathway, out var pathway))
        {
            return ApiProblem.BadRequest("pathway must be one of: early-discharge, emergency-department, general-practice.");
        }

        if (request!.OxygenFlow is not { } flow || !MeasurementRanges.OxygenFlow.Contains(flow))
        {
            return ApiProblem.BadRequest(Validation.OxygenFlowRequired("oxygenFlow"));
        }

        var now = clock.GetUtcNow();
        var values = WardValues.Read(request.WardValues, now, out var problem);
        if (problem is not null)
        {
            return ApiProblem.BadRequest(problem);
        }

        // The protocol of the organisation the patient will belong to: the responsible clinician's.
        var clinician = string.IsNullOrEmpty(request.ResponsibleClinician) ? null : await users.FindAsync(request.ResponsibleClinician, cancellationToken);
        var protocol = await OrganisationProtocolAsync(clinician?.Organisation, library, cancellationToken);
        var result = EligibilityCheck.Check(
            new EligibilityRequest(pathway, values, flow, now, request.ClinicallyImproving, request.CanMeasureAndReport, request.ConcentratorAtHome,
                request.HaemodynamicallyStable, request.IllnessDay, request.InvasiveVentilationPolicy),
            protocol);
        return Results.Ok(EligibilityDto.From(result));
    }

    private static async Task<ProtocolDocument> OrganisationProtocolAsync(string? organisation, IProtocolLibrary library, CancellationToken cancellationToken)
    {
        var layer = organisation is null ? null : await library.GetLayerAsync(ProtocolScopes.Organisation(organisation), cancellationToken);
        return layer is null ? CovidOxygenProtocol.Default : ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, layer.LayerJson);
    }

    private static JsonElement? Json(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
