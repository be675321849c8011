using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The patient's consent to telemonitoring (recorded at enrolment): read it, and record its withdrawal. Withdrawal
/// ends the episode and unbinds the patient's devices, so monitoring stops at once: a device's next CONNECT is
/// refused and an open MQTT session of it is closed at once (<see cref="DeviceRevocation"/>). The data stays (the medical record, WGBO).
/// </summary>
public static class ConsentEndpoints
{
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapConsentEndpoints(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients/{patientId}/consent").RequireAuthorization(Policies.Staff);
        patients.MapGet("", GetAsync).Audited(AuditResources.Consent, AuditActions.Read);
        patients.MapPost("/withdraw", WithdrawAsync).Audited(AuditResources.Consent, AuditActions.Update);
        return app;
    }

    private static async Task<IResult> GetAsync(string patientId, ClaimsPrincipal caller, PatientAccess access, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        return record.Consent is { } consent
            ? Results.Ok(ConsentDto.From(patientId, consent))
            : ApiProblem.NotFound($"No consent is recorded for patient '{patientId}' (enrolled before consent was recorded).");
    }

    private static async Task<IResult> WithdrawAsync(
        string patientId, WithdrawConsentRequest? request, ClaimsPrincipal caller, PatientAccess access, IPatientDirectory directory, DeviceRevocation devices,
        IGrainFactory grains, TimeProvider clock, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientEndpoints.NotVisible(patientId);
        }

        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return ApiProblem.BadRequest($"reason must be at most {MaxReasonLength} characters.");
        }

        if (record.Consent is { IsWithdrawn: true } withdrawn)
        {
            return ApiProblem.Conflict($"Consent of patient '{patientId}' was already withdrawn at {withdrawn.WithdrawnAt:O}.");
        }

        var now = clock.GetUtcNow();
        var consent = (record.Consent ?? new Domain.Privacy.Consent(Domain.Privacy.Consent.Telemonitoring, record.EnrolledAt, "unrecorded"))
            .Withdraw(caller.Username(), request?.Reason, now);
        // Devices first: from here on nothing new comes in for the patient.
        await devices.RevokeAsync(patientId, cancellationToken);
        await directory.AddAsync(record with { Consent = consent }, cancellationToken);
        await grains.GetGrain<IPatientGrain>(patientId).WithdrawConsent(caller.Username(), consent.WithdrawalReason);
        return Results.Ok(ConsentDto.From(patientId, consent));
    }
}
