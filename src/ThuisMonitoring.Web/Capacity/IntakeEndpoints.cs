using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// Intake by a district-nursing team (CONTRACT section 10): staff who see a patient ask a team to take them
/// (<c>requested</c>); a coordinator of the team's organisation accepts or declines. A team sees only the requests sent
/// to its organisation's teams (<see cref="Domain.Visibility.VisibilityRule.MaySeeIntake"/>). The request and the answer
/// land in the patient's timeline; every endpoint is audited (resource <c>intake</c>).
/// </summary>
public static class IntakeEndpoints
{
    private const int MaxNeed = 2000;
    private const int MaxNote = 1000;
    private const int ListLimit = 1000;

    public static IEndpointRouteBuilder MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}/intake").RequireAuthorization(Policies.Staff);
        patient.MapPost("", RequestAsync).Audited(AuditResources.Intake, AuditActions.Create);
        patient.MapGet("", ListForPatientAsync).Audited(AuditResources.Intake, AuditActions.Read);
        var intake = app.MapGroup("/api/intake");
        intake.MapGet("", ListAsync).RequireAuthorization(Policies.CareRegion).Audited(AuditResources.Intake, AuditActions.Read);
        intake.MapPost("/{intakeId}/accept", (string intakeId, IntakeAnswerBody? body, ClaimsPrincipal caller, IntakeServices services, CancellationToken cancellationToken) =>
            AnswerAsync(intakeId, accept: true, body, caller, services, cancellationToken))
            .RequireAuthorization(Policies.TeamCoordinator).Audited(AuditResources.Intake, AuditActions.Update);
        intake.MapPost("/{intakeId}/decline", (string intakeId, IntakeAnswerBody? body, ClaimsPrincipal caller, IntakeServices services, CancellationToken cancellationToken) =>
            AnswerAsync(intakeId, accept: false, body, caller, services, cancellationToken))
            .RequireAuthorization(Policies.TeamCoordinator).Audited(AuditResources.Intake, AuditActions.Update);
        return app;
    }

    private static async Task<IResult> RequestAsync(
        string patientId, IntakeRequestBody? body, ClaimsPrincipal caller, IntakeServices services, TimeProvider clock, CancellationToken cancellationToken)
    {
        var record = await services.Access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientAccess.NotVisible(patientId);
        }

        var team = string.IsNullOrWhiteSpace(body?.TeamId) ? null : await services.Teams.GetTeamAsync(body.TeamId, cancellationToken);
        if (team is null)
        {
            return ApiProblem.BadRequest("teamId must name a district-nursing team (GET /api/capacity/teams?postcode=).");
        }

        var need = body!.Need?.Trim();
        if (string.IsNullOrEmpty(need) || need.Length > MaxNeed)
        {
            return ApiProblem.BadRequest($"need is required: the care the patient needs at home (at most {MaxNeed} characters).");
        }

        var intake = new IntakeRequest(Guid.CreateVersion7().ToString("N"), patientId, team.TeamId, team.Organisation, need, caller.Username(), clock.GetUtcNow());
        try
        {
            await services.Grains.GetGrain<IPatientGrain>(patientId).RecordIntake(intake, team.Name);
        }
        catch (PatientNotEnrolledException)
        {
            return PatientAccess.NotVisible(patientId);
        }

        await services.Teams.SaveIntakeAsync(intake, cancellationToken);
        return Results.Created($"/api/intake/{intake.IntakeId}", IntakeDto.From(intake, record, team.Name));
    }

    private static async Task<IResult> ListForPatientAsync(string patientId, ClaimsPrincipal caller, IntakeServices services, CancellationToken cancellationToken)
    {
        var record = await services.Access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return PatientAccess.NotVisible(patientId);
        }

        var requests = await services.Teams.ListIntakeForPatientAsync(patientId, cancellationToken);
        return Results.Ok(await services.PresentAsync(requests, (_, _) => true, cancellationToken));
    }

    /// <summary>A coordinator: the requests sent to their organisation's teams. Staff: the requests about patients they see.</summary>
    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal caller, IntakeServices services, CancellationToken cancellationToken)
    {
        IntakeStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!IntakeStatusNames.TryParse(status, out var parsed))
            {
                return ApiProblem.BadRequest("status must be requested, accepted or declined.");
            }

            wanted = parsed;
        }

        var requests = caller.Role() == Roles.TeamCoordinator
            ? caller.Organisation() is { } organisation ? await services.Teams.ListIntakeForOrganisationAsync(organisation, cancellationToken) : []
            : await services.Teams.ListIntakeAsync(ListLimit, cancellationToken);
        var scope = await services.Access.ScopeAsync(caller, cancellationToken);
        return Results.Ok(await services.PresentAsync(
            requests.Where(r => wanted is null || r.Status == wanted).ToList(),
            (request, patient) => scope.MaySeeIntake(request.TeamOrganisation, patient),
            cancellationToken));
    }

    private static async Task<IResult> AnswerAsync(
        string intakeId, bool accept, IntakeAnswerBody? body, ClaimsPrincipal caller, IntakeServices services, CancellationToken cancellationToken)
    {
        var intake = await services.Teams.GetIntakeAsync(intakeId, cancellationToken);
        var scope = await services.Access.ScopeAsync(caller, cancellationToken);
        var patient = intake is null ? null : await services.Patients.GetAsync(intake.PatientId, cancellationToken);
        if (intake is null || patient is null || !scope.MayAnswerIntake(intake.TeamOrganisation))
        {
            return ApiProblem.NotFound($"Intake request '{intakeId}' does not exist or is not yours to see.");
        }

        if (body?.Note is { Length: > MaxNote })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxNote} characters.");
        }

        var team = await services.Teams.GetTeamAsync(intake.TeamId, cancellationToken);
        await services.Answering.WaitAsync(cancellationToken);
        try
        {
            intake = await services.Teams.GetIntakeAsync(intakeId, cancellationToken) ?? intake;
            IntakeRequest answered;
            try
            {
                answered = intake.Answer(accept, caller.Username(), body?.Note, services.Clock.GetUtcNow());
            }
            catch (IntakeAnswerException exception)
            {
                return ApiProblem.Conflict(exception.Message);
            }

            try
            {
                await services.Grains.GetGrain<IPatientGrain>(intake.PatientId).RecordIntake(answered, team?.Name ?? intake.TeamId);
            }
            catch (PatientNotEnrolledException)
            {
                return ApiProblem.NotFound($"Intake request '{intakeId}' does not exist or is not yours to see.");
            }

            await services.Teams.SaveIntakeAsync(answered, cancellationToken);
            return Results.Ok(IntakeDto.From(answered, patient, team?.Name ?? intake.TeamId));
        }
        finally
        {
            services.Answering.Release();
        }
    }
}
