using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Replay;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Replay;

/// <summary>
/// <c>POST /api/replay</c> (admins, and clinicians for the traces and for their own patients): runs the current protocol
/// and up to two draft layers side by side over the trace library, a posted trace, or recorded measurements, with
/// <see cref="ProtocolReplay"/>: nothing live is touched (no alert, no grain state). Replaying a patient's data is audited.
/// </summary>
public static class ReplayEndpoints
{
    private const int MaxDrafts = 2;
    private const int MaxMeasurementsPerPatient = 200_000;
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/replay", ReplayAsync).RequireAuthorization(Policies.Staff).Audited(AuditResources.Replay, AuditActions.Read);
        return app;
    }

    private static async Task<IResult> ReplayAsync(
        ReplayRequest? request, ClaimsPrincipal caller, IPatientDirectory directory, Access.PatientAccess access, IMeasurementStore measurements,
        IProtocolLibrary library, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (caller.Role() is not (Roles.Admin or Roles.Clinician))
        {
            return ApiProblem.Forbidden("Only admins and clinicians replay protocols.");
        }

        request ??= new ReplayRequest(null, null, null, null, null, null, null);
        if (request.Layers is { Count: > MaxDrafts })
        {
            return ApiProblem.BadRequest($"At most {MaxDrafts} draft layers are compared with the current protocol.");
        }

        var drafts = new List<ProtocolDocument>();
        foreach (var (layer, index) in (request.Layers ?? []).Select((l, i) => (l, i)))
        {
            var (json, errors) = Draft(layer, index);
            errors = errors.Count > 0 ? errors : ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, [json!]);
            if (errors.Count > 0)
            {
                return ProtocolProblem.Refused(errors);
            }

            drafts.Add(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, json!));
        }

        var recorded = request.Patient is not null || request.Organisation is not null;
        if (recorded && (request.Traces is not null || request.Trace is not null))
        {
            return ApiProblem.BadRequest("Replay either traces or recorded measurements (patient or organisation), not both.");
        }

        if (!recorded)
        {
            var (traces, problem) = TracesOf(request);
            return problem ?? Results.Ok(Run(CovidOxygenProtocol.Default, drafts, traces, []));
        }

        if (!Validation.TryParseOptionalInstant(request.From, out var from) || !Validation.TryParseOptionalInstant(request.To, out var to)
            || from is null || to is null || to < from || to - from > MaxRange)
        {
            return ApiProblem.BadRequest($"from and to are required ISO 8601 instants with an offset, to not before from, at most {MaxRange.TotalDays} days apart.");
        }

        IReadOnlyList<PatientRecord> patients;
        ProtocolDocument current;
        if (request.Patient is { } patientId)
        {
            if (await access.FindVisibleAsync(patientId, caller, cancellationToken) is not { } record)
            {
                return PatientEndpoints.NotVisible(patientId);
            }

            patients = [record];
            current = ProtocolDocumentReader.Read((await grains.GetGrain<IPatientGrain>(patientId).GetProtocol()).DocumentJson);
        }
        else
        {
            if (caller.Role() != Roles.Admin)
            {
                return ApiProblem.Forbidden("Only admins replay a whole organisation.");
            }

            var organisation = request.Organisation!;
            patients = [.. (await directory.ListAsync(cancellationToken)).Where(p => p.Organisation == organisation)];
            var layer = await library.GetLayerAsync(ProtocolScopes.Organisation(organisation), cancellationToken);
            current = layer is null ? CovidOxygenProtocol.Default : ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, layer.LayerJson);
        }

        var recordedTraces = new List<LabelledTrace>();
        foreach (var patient in patients)
        {
            var stored = await measurements.ListAsync(patient.PatientId, from.Value, to.Value, MaxMeasurementsPerPatient, cancellationToken);
            if (stored.Count > 0)
            {
                var episode = await grains.GetGrain<IPatientGrain>(patient.PatientId).GetEpisode();
                recordedTraces.Add(RecordedTraces.Of(patient.PatientId, episode?.OxygenFlow ?? 0, stored, episode, from.Value, to.Value));
            }
        }

        return Results.Ok(Run(current, drafts, recordedTraces, [.. patients.Select(p => p.PatientId)]));
    }

    private static ReplayResultDto Run(ProtocolDocument current, IReadOnlyList<ProtocolDocument> drafts, IReadOnlyList<LabelledTrace> traces, IReadOnlyList<string> patients) =>
        new([.. new[] { current }.Concat(drafts).Select(protocol => ProtocolReplay.Run(protocol, traces))], patients);

    private static (IReadOnlyList<LabelledTrace> Traces, IResult? Problem) TracesOf(ReplayRequest request)
    {
        if (request.Trace is { } posted)
        {
            try
            {
                return ([TraceFile.Read(posted.GetRawText())], null);
            }
            catch (JsonException exception)
            {
                return ([], ApiProblem.BadRequest($"trace is not a trace file: {exception.Message}"));
            }
        }

        var names = request.Traces ?? TraceGenerator.Names;
        var unknown = names.Where(n => !TraceGenerator.Names.Contains(n)).ToList();
        return unknown.Count > 0
            ? ([], ApiProblem.BadRequest($"Unknown traces: {string.Join(", ", unknown)}; the library has {string.Join(", ", TraceGenerator.Names)}."))
            : ([.. names.Select(n => TraceGenerator.Generate(n, 1))], null);
    }

    // A draft keeps the layer name and version it was given; otherwise it is org:draft-1 (or -2) version 1.
    private static (string? Json, IReadOnlyList<ProtocolError> Errors) Draft(JsonElement layer, int index) =>
        layer.ValueKind == JsonValueKind.Object && layer.TryGetProperty("layer", out _) && layer.TryGetProperty("version", out _)
            ? (layer.GetRawText(), [])
            : ProtocolLayers.Stamp(layer, $"org:draft-{index + 1}", 1);
}
