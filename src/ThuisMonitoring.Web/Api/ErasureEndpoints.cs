using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Privacy;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Erasure on request (AVG art. 17) under four eyes: an admin or privacy officer requests it, another one approves
/// it, and then it is carried out across every store. Each step is in the audit trail with its actor.
/// </summary>
public static class ErasureEndpoints
{
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapErasureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/patients/{patientId}/erasure", RequestAsync).RequireAuthorization(Policies.AuditReader);
        var erasures = app.MapGroup("/api/erasures").RequireAuthorization(Policies.AuditReader);
        erasures.MapGet("", ListAsync);
        erasures.MapGet("/{erasureId}", GetAsync);
        erasures.MapPost("/{erasureId}/approve", ApproveAsync);
        erasures.MapPost("/{erasureId}/reject", RejectAsync);
        return app;
    }

    private static async Task<IResult> RequestAsync(
        string patientId, ErasureReasonRequest? request, ClaimsPrincipal caller, IPatientDirectory directory, PatientAccess access, IErasureRegister register,
        AuditRecorder audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Length > MaxReasonLength)
        {
            return ApiProblem.BadRequest($"reason is required (at most {MaxReasonLength} characters); do not put the patient's name in it, it is kept.");
        }

        var record = await directory.GetAsync(patientId, cancellationToken);
        if (record is null || !(await access.ScopeAsync(caller, cancellationToken)).MayReview(record.Organisation))
        {
            return ApiProblem.NotFound($"Patient '{patientId}' does not exist (or was erased).");
        }

        var open = (await register.ListAsync(cancellationToken))
            .FirstOrDefault(e => e.PatientId == patientId && e.Status is ErasureStatus.Requested or ErasureStatus.Approved);
        if (open is not null)
        {
            return ApiProblem.Conflict($"Erasure {open.ErasureId} of patient '{patientId}' is already {open.Status.ToCode()}.");
        }

        var erasure = new ErasureRequest(Guid.CreateVersion7().ToString("N"), patientId, record.Organisation, request.Reason.Trim(), caller.Username(), clock.GetUtcNow());
        await register.SaveAsync(erasure, cancellationToken);
        await audit.RecordAsync(caller, [patientId], AuditResources.Erasure, AuditActions.Create, AuditChannels.Api, AuditPurposes.Erasure);
        return Results.Accepted($"/api/erasures/{erasure.ErasureId}", ErasureDto.From(erasure));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, IErasureRegister register, PatientAccess access, AuditRecorder audit, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        var erasures = (await register.ListAsync(cancellationToken)).Where(e => scope.MayReview(e.Organisation)).ToList();
        // Reading the register is a privacy review like reading the audit: one record, about no single patient.
        await audit.RecordAsync(caller, [], AuditResources.Erasure, AuditActions.Read, AuditChannels.Api, AuditPurposes.PrivacyReview);
        return Results.Ok(erasures.Select(e => ErasureDto.From(e)).ToList());
    }

    private static async Task<IResult> GetAsync(
        string erasureId, ClaimsPrincipal caller, IErasureRegister register, PatientAccess access, AuditRecorder audit, CancellationToken cancellationToken)
    {
        if (await ReviewableAsync(erasureId, caller, register, access, cancellationToken) is not { } erasure)
        {
            return NotFound(erasureId);
        }

        await audit.RecordAsync(caller, [erasure.PatientId], AuditResources.Erasure, AuditActions.Read, AuditChannels.Api, AuditPurposes.PrivacyReview);
        return Results.Ok(ErasureDto.From(erasure));
    }

    private static async Task<IResult> ApproveAsync(
        string erasureId, ClaimsPrincipal caller, IErasureRegister register, PatientAccess access, PatientDataErasure erasure, AuditRecorder audit,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await ReviewableAsync(erasureId, caller, register, access, cancellationToken) is not { } requested)
        {
            return NotFound(erasureId);
        }

        ErasureRequest approved;
        try
        {
            approved = requested.Approve(caller.Username(), clock.GetUtcNow());
        }
        catch (ErasureDecisionException refused)
        {
            return refused.SamePerson ? ApiProblem.Forbidden(refused.Message) : ApiProblem.Conflict(refused.Message);
        }

        await register.SaveAsync(approved, cancellationToken);
        await audit.RecordAsync(caller, [approved.PatientId], AuditResources.Erasure, AuditActions.Update, AuditChannels.Api, AuditPurposes.Erasure);
        try
        {
            var removed = await erasure.EraseAsync(approved.PatientId, CancellationToken.None);
            var done = approved.CarriedOut(clock.GetUtcNow());
            await register.SaveAsync(done, CancellationToken.None);
            // The execution, by the approver: the trail keeps the pseudonymous id of the patient, nothing else of them.
            await audit.RecordAsync(caller, [approved.PatientId], AuditResources.Patient, AuditActions.Delete, AuditChannels.Api, AuditPurposes.Erasure);
            return Results.Ok(ErasureDto.From(done, removed));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(ErasureEndpoints).FullName!).LogError(exception, "Erasure {ErasureId} approved but not completed; the retention purge tries again", erasureId);
            await register.SaveAsync(approved.Failed(exception.Message), CancellationToken.None);
            return Results.Problem(
                detail: $"Erasure {erasureId} is approved but not completed ({exception.Message}); it is retried by the scheduled purge.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Erasure not completed");
        }
    }

    private static async Task<IResult> RejectAsync(
        string erasureId, ErasureReasonRequest? request, ClaimsPrincipal caller, IErasureRegister register, PatientAccess access, AuditRecorder audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request?.Reason is { Length: > MaxReasonLength })
        {
            return ApiProblem.BadRequest($"reason must be at most {MaxReasonLength} characters.");
        }

        if (await ReviewableAsync(erasureId, caller, register, access, cancellationToken) is not { } requested)
        {
            return NotFound(erasureId);
        }

        ErasureRequest rejected;
        try
        {
            rejected = requested.Reject(caller.Username(), request?.Reason?.Trim(), clock.GetUtcNow());
        }
        catch (ErasureDecisionException refused)
        {
            return ApiProblem.Conflict(refused.Message);
        }

        await register.SaveAsync(rejected, cancellationToken);
        await audit.RecordAsync(caller, [rejected.PatientId], AuditResources.Erasure, AuditActions.Update, AuditChannels.Api, AuditPurposes.Erasure);
        return Results.Ok(ErasureDto.From(rejected));
    }

    /// <summary>The erasure when it exists and concerns a patient of the caller's organisation (an admin: any); else null.</summary>
    private static async Task<ErasureRequest?> ReviewableAsync(
        string erasureId, ClaimsPrincipal caller, IErasureRegister register, PatientAccess access, CancellationToken cancellationToken)
    {
        var erasure = await register.GetAsync(erasureId, cancellationToken);
        return erasure is not null && (await access.ScopeAsync(caller, cancellationToken)).MayReview(erasure.Organisation) ? erasure : null;
    }

    private static IResult NotFound(string erasureId) => ApiProblem.NotFound($"Erasure '{erasureId}' does not exist.");
}
