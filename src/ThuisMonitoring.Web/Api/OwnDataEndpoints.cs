using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The patient's own access (CONTRACT section 6): <c>POST /api/auth/device-token</c> turns a patient app's
/// credentials into a token of role <c>patient</c>; with it <c>GET /api/me</c>, <c>GET /api/me/vitals</c> and
/// <c>POST /api/me/call-request</c> (the access log is in <see cref="AuditEndpoints"/>). Always the token's patient:
/// no route takes a patient id.
/// </summary>
public static class OwnDataEndpoints
{
    private const int MaxNoteLength = 500;

    public static IEndpointRouteBuilder MapOwnDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/device-token", IssueDeviceTokenAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy);
        var me = app.MapGroup("/api/me").RequireAuthorization(Policies.Patient);
        me.MapGet("", GetAsync).Audited(AuditResources.Patient, AuditActions.Read);
        me.MapGet("/vitals", VitalsAsync).Audited(AuditResources.Vitals, AuditActions.Read);
        me.MapPost("/call-request", RequestCallAsync).Audited(AuditResources.Alert, AuditActions.Create);
        return app;
    }

    /// <summary>
    /// 401 for an unknown device, a wrong secret or a device that is not a patient app: the three are not told apart.
    /// 410 for the app's own credentials after its patient's monitoring ended (only the holder of the secret learns it).
    /// </summary>
    private static async Task<IResult> IssueDeviceTokenAsync(
        DeviceTokenRequest? request, IDeviceRegistry devices, IRetiredDevices retired, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (!Validation.IsIdentifier(request?.DeviceId) || string.IsNullOrEmpty(request!.Secret) || request.Secret.Length > 200)
        {
            return ApiProblem.BadRequest("deviceId and secret are required: the credentials the app got when it was paired.");
        }

        var binding = await devices.FindAsync(request.DeviceId!, cancellationToken);
        if (binding is null && await retired.FindAsync(request.DeviceId!, cancellationToken) is { } ended && DeviceSecret.Matches(request.Secret, ended.SecretHash))
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Monitoring ended", type: "urn:thuismonitoring:monitoring-ended",
                detail: "The monitoring of this app's patient has ended; the app sends nothing more.");
        }

        if (binding is null || binding.Kind != DeviceKind.PatientApp || !DeviceSecret.Matches(request.Secret, binding.SecretHash))
        {
            return ApiProblem.Unauthorized("Unknown device or wrong secret; the app may have been unpaired.");
        }

        var (token, expiresIn) = issuer.IssuePatient(binding);
        return Results.Ok(new DeviceTokenResponse(token, expiresIn));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal caller, IPatientDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var patientId = caller.PatientId()!;
        var record = await directory.GetAsync(patientId, cancellationToken);
        var grain = grains.GetGrain<IPatientGrain>(patientId);
        var snapshot = await grain.GetEpisode();
        if (record is null || snapshot is null)
        {
            return ApiProblem.NotFound("There is no monitoring episode for this app.");
        }

        var episode = new Episode(snapshot);
        var protocol = ProtocolDocumentReader.Read((await grain.GetProtocol()).DocumentJson);
        var feedback = episode.IsActive ? protocol.Feedback.For(episode.LastLevel) : protocol.Feedback.AfterEnd;
        return Results.Ok(new OwnEpisodeDto(
            patientId,
            record.Name,
            episode.State.ToCode(),
            episode.IsActive,
            episode.OxygenFlow,
            episode.IsActive ? await grain.GetNextMeasurementDue() : null,
            episode.LastMeasurement is { } last ? MeasurementDto.From(last) : null,
            episode.LastMeasurement is null ? null : new OwnFeedbackDto(feedback.Level.ToCode(), feedback.Text),
            protocol.Schedule.SpotChecks.Select(t => t.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            protocol.Schedule.TimeZoneId,
            (int)protocol.ResponseTimes.Orange.TotalMinutes,
            (int)protocol.ResponseTimes.Red.TotalMinutes,
            episode.AsksExertionTest(protocol)));
    }

    private static Task<IResult> VitalsAsync(
        string? sign, string? from, string? to, ClaimsPrincipal caller, IGrainFactory grains, ITimeSeriesReader reader, TimeProvider clock,
        CancellationToken cancellationToken) =>
        VitalsEndpoints.TrendAsync(caller.PatientId()!, sign, from, to, () => Task.FromResult(true), grains, reader, clock, cancellationToken);

    private static async Task<IResult> RequestCallAsync(CallRequestBody? request, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (request?.Note is { Length: > MaxNoteLength })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxNoteLength} characters.");
        }

        Alert? alert;
        try
        {
            alert = await grains.GetGrain<IPatientGrain>(caller.PatientId()!).RequestCall(request?.Note);
        }
        catch (PatientNotEnrolledException)
        {
            alert = null;
        }

        return alert is null
            ? ApiProblem.Conflict("Monitoring has ended: the centre does not call back through the app. Call your GP, or 112 in an emergency.")
            : Results.Accepted(null, new CallRequestedDto(alert.AlertId, alert.Level.ToAlertCode(), alert.RaisedAt));
    }
}

/// <summary>Body of <c>POST /api/auth/device-token</c>.</summary>
public sealed record DeviceTokenRequest(string? DeviceId, string? Secret);

/// <summary>Answer of <c>POST /api/auth/device-token</c>.</summary>
public sealed record DeviceTokenResponse(string AccessToken, int ExpiresIn);

/// <summary>Body of <c>POST /api/me/call-request</c>.</summary>
public sealed record CallRequestBody(string? Note);

/// <summary>Answer of <c>POST /api/me/call-request</c>: the alert the centre sees.</summary>
public sealed record CallRequestedDto(string AlertId, string Level, DateTimeOffset RaisedAt);

/// <summary>The platform's last feedback to the patient.</summary>
public sealed record OwnFeedbackDto(string Level, string Text);

/// <summary>
/// Answer of <c>GET /api/me</c>: the episode as the patient sees it, the next measurement due, the last feedback, the
/// schedule's times, the centre's response times (what happens after orange or red feedback) and whether the protocol
/// asks for the 1-minute sit-to-stand test now (<see cref="ExertionTestRules"/>).
/// </summary>
public sealed record OwnEpisodeDto(
    string PatientId,
    string Name,
    string State,
    bool Active,
    double OxygenFlow,
    DateTimeOffset? NextMeasurementDue,
    MeasurementDto? LastMeasurement,
    OwnFeedbackDto? LastFeedback,
    IReadOnlyList<string> SpotChecks,
    string TimeZone,
    int OrangeResponseMinutes,
    int RedResponseMinutes,
    bool ExertionTestAsked);
