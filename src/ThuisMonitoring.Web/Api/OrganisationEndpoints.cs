using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Organisations;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The region's organisations (CONTRACT section 7): <c>POST /api/organisations</c> (admin), <c>GET /api/organisations</c>
/// and <c>/{id}</c> (what the caller may see of them), and the clients of a monitoring centre:
/// <c>POST|GET /api/organisations/{centre}/clients</c>, <c>DELETE /api/organisations/{centre}/clients/{organisation}</c>.
/// </summary>
public static class OrganisationEndpoints
{
    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/organisations").RequireAuthorization(Policies.Staff);
        organisations.MapPost("", CreateAsync).RequireAuthorization(Policies.Admin);
        organisations.MapGet("", ListAsync);
        organisations.MapGet("/{organisation}", GetAsync);
        organisations.MapGet("/{organisation}/clients", ListClientsAsync);
        organisations.MapPost("/{organisation}/clients", AddClientAsync).RequireAuthorization(Policies.Admin);
        organisations.MapDelete("/{organisation}/clients/{client}", RemoveClientAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<IResult> CreateAsync(
        CreateOrganisationRequest? request, IOrganisationDirectory directory, PatientAccess access, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblem.BadRequest("A JSON body with id, name and kind is required.");
        }

        if (!IsOrganisationId(request.Id))
        {
            return ApiProblem.BadRequest("id must be 1-64 characters of letters, digits, spaces, '.', '_' or '-' (no space first or last).");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            return ApiProblem.BadRequest($"name is required (at most {MaxNameLength} characters).");
        }

        if (!OrganisationKindNames.TryParse(request.Kind, out var kind))
        {
            return ApiProblem.BadRequest($"kind must be one of: {string.Join(", ", OrganisationKindNames.All)}.");
        }

        var organisation = new Organisation(request.Id!, request.Name.Trim(), kind, request.SharePatientsWithinOrganisation ?? false, clock.GetUtcNow());
        if (!await directory.TryAddAsync(organisation, cancellationToken))
        {
            return ApiProblem.Conflict($"Organisation '{organisation.Id}' already exists.");
        }

        access.Forget();
        return Results.Created($"/api/organisations/{organisation.Id}", OrganisationDto.From(organisation, []));
    }

    /// <summary>The organisations the caller may see: an admin all, others their own, the ones their centre serves and the centres serving theirs.</summary>
    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, IOrganisationDirectory directory, PatientAccess access, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        return Results.Ok((await directory.ListAsync(cancellationToken))
            .Where(o => scope.MaySeeOrganisation(o.Id))
            .Select(o => OrganisationDto.From(o, scope.Region.ClientsOf(o.Id).Order(StringComparer.Ordinal)))
            .ToList());
    }

    private static async Task<IResult> GetAsync(string organisation, ClaimsPrincipal caller, PatientAccess access, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        return scope.Region.Find(organisation) is { } found && scope.MaySeeOrganisation(found.Id)
            ? Results.Ok(OrganisationDto.From(found, scope.Region.ClientsOf(found.Id).Order(StringComparer.Ordinal)))
            : NotVisible(organisation);
    }

    private static async Task<IResult> ListClientsAsync(string organisation, ClaimsPrincipal caller, PatientAccess access, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        if (scope.Region.Find(organisation) is not { } centre || !scope.MaySeeOrganisation(centre.Id))
        {
            return NotVisible(organisation);
        }

        return Results.Ok(scope.Region.ClientsOf(centre.Id)
            .Order(StringComparer.Ordinal)
            .Select(scope.Region.Find)
            .OfType<Organisation>()
            .Select(o => OrganisationDto.From(o, scope.Region.ClientsOf(o.Id)))
            .ToList());
    }

    private static async Task<IResult> AddClientAsync(
        string organisation, AddClientRequest? request, IOrganisationDirectory directory, PatientAccess access, CancellationToken cancellationToken)
    {
        var centre = await directory.GetAsync(organisation, cancellationToken);
        if (centre is null)
        {
            return NotVisible(organisation);
        }

        if (centre.Kind != OrganisationKind.MonitoringCentre)
        {
            return ApiProblem.BadRequest($"'{organisation}' is a {centre.Kind.ToCode()}, not a monitoring-centre: only a centre serves other organisations.");
        }

        var clientId = request?.Organisation?.Trim();
        if (string.IsNullOrEmpty(clientId) || await directory.GetAsync(clientId, cancellationToken) is not { } client)
        {
            return ApiProblem.BadRequest("organisation must be the id of an existing organisation.");
        }

        if (client.Id == centre.Id)
        {
            return ApiProblem.BadRequest("A centre does not serve itself: its own nurses already see its patients.");
        }

        if (!await directory.TryAddClientAsync(new ServedOrganisation(centre.Id, client.Id), cancellationToken))
        {
            return ApiProblem.Conflict($"'{centre.Id}' already serves '{client.Id}'.");
        }

        access.Forget();
        return Results.Created($"/api/organisations/{centre.Id}/clients/{client.Id}", OrganisationDto.From(client, []));
    }

    private static async Task<IResult> RemoveClientAsync(
        string organisation, string client, IOrganisationDirectory directory, PatientAccess access, CancellationToken cancellationToken)
    {
        if (!await directory.RemoveClientAsync(new ServedOrganisation(organisation, client), cancellationToken))
        {
            return ApiProblem.NotFound($"'{organisation}' does not serve '{client}'.");
        }

        access.Forget();
        return Results.NoContent();
    }

    /// <summary>Like a username, and spaces inside: ids such as "Zorgcentrale Oost" were in use as organisations before they were registered.</summary>
    private static bool IsOrganisationId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.Trim() == id
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');

    private static IResult NotVisible(string organisation) =>
        ApiProblem.NotFound($"Organisation '{organisation}' does not exist or is not yours to see.");
}
