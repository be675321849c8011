using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Organisations;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// District-nursing teams and their light per part of the day (CONTRACT section 10): kept by the coordinators of the
/// team's organisation (and admins), read by staff and coordinators. A team's light is about room, not about a
/// patient: not audited.
/// </summary>
public static class TeamEndpoints
{
    private const int MaxPostcodes = 400;
    private const int MaxNote = 500;
    private static readonly SemaphoreSlim Writes = new(1, 1);

    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/capacity/teams").RequireAuthorization(Policies.CareRegion);
        teams.MapGet("", ListAsync);
        teams.MapPut("/{teamId}", PutAsync);
        return app;
    }

    /// <summary>The teams serving <paramref name="postcode"/> (its four-digit area), or every team without it; <paramref name="organisation"/> narrows to one organisation's teams.</summary>
    private static async Task<IResult> ListAsync(string? postcode, string? organisation, IDistrictTeamRegister register, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(postcode) && Postcode.Area(postcode) is null)
        {
            return ApiProblem.BadRequest("postcode must be a Dutch postcode: four digits (1000-9999), optionally with its two letters.");
        }

        var teams = await register.ListTeamsAsync(cancellationToken);
        return Results.Ok(teams.Where(t => (string.IsNullOrWhiteSpace(postcode) || t.Serves(postcode))
            && (string.IsNullOrWhiteSpace(organisation) || t.Organisation == organisation)).Select(TeamDto.From).ToList());
    }

    private static async Task<IResult> PutAsync(
        string teamId, TeamLightRequest? request, ClaimsPrincipal caller, PatientAccess access, IOrganisationDirectory organisations,
        IDistrictTeamRegister register, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Validation.IsIdentifier(teamId))
        {
            return ApiProblem.BadRequest("teamId must be 1-64 characters of letters, digits, '.', '_' or '-'.");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Organisation))
        {
            return ApiProblem.BadRequest("organisation is required: the district-nursing organisation the team belongs to.");
        }

        var scope = await access.ScopeAsync(caller, cancellationToken);
        if (!scope.MayKeepTeam(request.Organisation))
        {
            return ApiProblem.Forbidden("Only a coordinator of the team's own organisation (or an admin) keeps its light.");
        }

        if ((await organisations.GetAsync(request.Organisation, cancellationToken))?.Kind != OrganisationKind.DistrictNursing)
        {
            return ApiProblem.BadRequest($"organisation '{request.Organisation}' must be an organisation of kind district-nursing.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            return ApiProblem.BadRequest("name is required (at most 200 characters).");
        }

        var areas = (request.Postcodes ?? []).Select(Postcode.Area).ToList();
        if (areas.Count is 0 or > MaxPostcodes || areas.Any(a => a is null))
        {
            return ApiProblem.BadRequest($"postcodes must list 1-{MaxPostcodes} four-digit postcode areas the team serves, e.g. [\"1011\", \"1012\"].");
        }

        if (!PartOfDayNames.TryParse(request.PartOfDay, out var partOfDay))
        {
            return ApiProblem.BadRequest($"partOfDay must be one of: {string.Join(", ", PartOfDayNames.All)}.");
        }

        if (!TryParseLevel(request.Level, out var level))
        {
            return ApiProblem.BadRequest("level must be green (room), orange (after consultation) or red (no room).");
        }

        if (request.Note is { Length: > MaxNote })
        {
            return ApiProblem.BadRequest($"note must be at most {MaxNote} characters.");
        }

        await Writes.WaitAsync(cancellationToken);
        try
        {
            var existing = await register.GetTeamAsync(teamId, cancellationToken);
            if (existing is not null && !scope.MayKeepTeam(existing.Organisation))
            {
                return ApiProblem.Forbidden($"Team '{teamId}' belongs to another organisation.");
            }

            var light = new TeamLight(partOfDay, level, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), clock.GetUtcNow(), caller.Username());
            var team = new DistrictTeam(teamId, request.Organisation, request.Name.Trim(), [.. areas.OfType<string>().Distinct(StringComparer.Ordinal)], existing?.Lights ?? [])
                .WithLight(light);
            await register.SaveTeamAsync(team, cancellationToken);
            return Results.Ok(TeamDto.From(team));
        }
        finally
        {
            Writes.Release();
        }
    }

    private static bool TryParseLevel(string? code, out Level level)
    {
        level = code switch { "green" => Level.Green, "orange" => Level.Orange, _ => Level.Red };
        return code is "green" or "orange" or "red";
    }
}
