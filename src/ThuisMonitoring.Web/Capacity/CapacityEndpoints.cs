using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Domain.Capacity;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// The centre's capacity board (CONTRACT section 10, docs/capacity.md): <c>GET /api/capacity</c> and
/// <c>GET /api/capacity/prognosis</c> for the centre's nurses and admins, thresholds and equipment counts set by an
/// admin. The board holds counts only, no patient, so it is not audited (the patients' own endpoints are).
/// </summary>
public static class CapacityEndpoints
{
    private const int MaxEquipment = 1_000_000;

    public static IEndpointRouteBuilder MapCapacityEndpoints(this IEndpointRouteBuilder app)
    {
        var capacity = app.MapGroup("/api/capacity");
        capacity.MapGet("", GetAsync).RequireAuthorization(Policies.CapacityBoard);
        capacity.MapGet("/prognosis", GetPrognosisAsync).RequireAuthorization(Policies.CapacityBoard);
        capacity.MapPut("/thresholds", PutThresholdsAsync).RequireAuthorization(Policies.Admin);
        capacity.MapPut("/equipment", PutEquipmentAsync).RequireAuthorization(Policies.Admin);
        app.MapTeamEndpoints();
        app.MapIntakeEndpoints();
        return app;
    }

    private static async Task<IResult> GetAsync(string? centre, ClaimsPrincipal caller, PatientAccess access, CentreBoard board, CancellationToken cancellationToken)
    {
        if (await VisibleCentreAsync(caller, centre, access, cancellationToken) is not { } found)
        {
            return NoCentre(caller, centre);
        }

        return Results.Ok(await board.BoardAsync(await board.FactsAsync(found, cancellationToken), cancellationToken));
    }

    private static async Task<IResult> GetPrognosisAsync(string? centre, ClaimsPrincipal caller, PatientAccess access, CentreBoard board, CancellationToken cancellationToken)
    {
        if (await VisibleCentreAsync(caller, centre, access, cancellationToken) is not { } found)
        {
            return NoCentre(caller, centre);
        }

        var facts = await board.FactsAsync(found, cancellationToken);
        return Results.Ok(PrognosisDto.From(found, facts.At, MonitoringPrognosis.Forecast(facts.Episodes, facts.At)));
    }

    private static async Task<IResult> PutThresholdsAsync(
        CapacityThresholdsRequest? request, ClaimsPrincipal caller, PatientAccess access, ICapacityRegister register, CapacityNudge nudge,
        CentreBoard board, CancellationToken cancellationToken)
    {
        if (await VisibleCentreAsync(caller, request?.Centre, access, cancellationToken) is not { } centre)
        {
            return NoCentre(caller, request?.Centre);
        }

        if (request!.GreenUpToPatientsPerNurse is not { } green || request.RedAbovePatientsPerNurse is not { } red)
        {
            return ApiProblem.BadRequest("greenUpToPatientsPerNurse and redAbovePatientsPerNurse are required (whole numbers of patients per nurse).");
        }

        var thresholds = new CapacityThresholds(green, red);
        if (thresholds.Problem() is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }

        var saved = await register.GetAsync(centre, cancellationToken) with { Thresholds = thresholds };
        await register.SaveAsync(saved, cancellationToken);
        nudge.Changed();
        return Results.Ok(await board.BoardAsync(await board.FactsAsync(centre, cancellationToken), cancellationToken));
    }

    private static async Task<IResult> PutEquipmentAsync(
        EquipmentStockRequest? request, ClaimsPrincipal caller, PatientAccess access, ICapacityRegister register, CapacityNudge nudge,
        CentreBoard board, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VisibleCentreAsync(caller, request?.Centre, access, cancellationToken) is not { } centre)
        {
            return NoCentre(caller, request?.Centre);
        }

        if (request!.ConcentratorsInStock is null && request.MetersInStock is null)
        {
            return ApiProblem.BadRequest("concentratorsInStock or metersInStock is required: the number on the shelf now.");
        }

        if (request.ConcentratorsInStock is < 0 or > MaxEquipment || request.MetersInStock is < 0 or > MaxEquipment)
        {
            return ApiProblem.BadRequest($"concentratorsInStock and metersInStock must be from 0 to {MaxEquipment}.");
        }

        var facts = await board.FactsAsync(centre, cancellationToken);
        var now = clock.GetUtcNow();
        var saved = await register.GetAsync(centre, cancellationToken);
        saved = saved with
        {
            Concentrators = request.ConcentratorsInStock is { } c ? new EquipmentStock(c, facts.ConcentratorsHandedOut, now, caller.Username()) : saved.Concentrators,
            Meters = request.MetersInStock is { } m ? new EquipmentStock(m, facts.MetersHandedOut, now, caller.Username()) : saved.Meters,
        };
        await register.SaveAsync(saved, cancellationToken);
        nudge.Changed();
        return Results.Ok(await board.BoardAsync(facts, cancellationToken));
    }

    private static async Task<string?> VisibleCentreAsync(ClaimsPrincipal caller, string? centre, PatientAccess access, CancellationToken cancellationToken)
    {
        var wanted = CentreBoard.CentreOf(caller, centre);
        return wanted is not null && (await access.ScopeAsync(caller, cancellationToken)).MaySeeCapacity(wanted) ? wanted : null;
    }

    private static IResult NoCentre(ClaimsPrincipal caller, string? centre) =>
        CentreBoard.CentreOf(caller, centre) is { } wanted
            ? ApiProblem.NotFound($"Monitoring centre '{wanted}' does not exist or its board is not yours to see.")
            : ApiProblem.BadRequest("centre is required: the id of a monitoring centre (you belong to none).");
}
