using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>The shipped protocol, the organisation layers on top of it (admin), and the audit of every layer change.</summary>
public static class ProtocolEndpoints
{
    private const int DefaultChangeLimit = 200;
    private const int MaxChangeLimit = 1_000;

    public static IEndpointRouteBuilder MapProtocolEndpoints(this IEndpointRouteBuilder app)
    {
        var protocols = app.MapGroup("/api/protocols").RequireAuthorization(Policies.Staff);
        protocols.MapGet("/default", () => Results.Text(CovidOxygenProtocol.Json, "application/json"));
        protocols.MapGet("/changes", ChangesAsync).RequireAuthorization(Policies.Admin).Audited(AuditResources.Protocol, AuditActions.Read);

        var organisations = app.MapGroup("/api/organisations/{organisation}/protocol").RequireAuthorization(Policies.Staff);
        organisations.MapGet("", GetOrganisationLayerAsync);
        organisations.MapPut("", PutOrganisationLayerAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task<IResult> ChangesAsync(string? scope, int? limit, IProtocolLibrary library, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxChangeLimit)
        {
            return ApiProblem.BadRequest($"limit must be from 1 to {MaxChangeLimit}.");
        }

        var changes = await library.ChangesAsync(string.IsNullOrEmpty(scope) ? null : scope, limit ?? DefaultChangeLimit, cancellationToken);
        return Results.Ok(changes.Select(ProtocolChangeDto.From).ToList());
    }

    /// <summary>Only for the organisation's own staff, the staff of a centre that serves it, and admins; 404 for anyone else.</summary>
    private static async Task<IResult> GetOrganisationLayerAsync(
        string organisation, System.Security.Claims.ClaimsPrincipal caller, PatientAccess access, IProtocolLibrary library, CancellationToken cancellationToken)
    {
        if (!IsOrganisation(organisation))
        {
            return BadOrganisation();
        }

        if (!(await access.ScopeAsync(caller, cancellationToken)).MayReadOrganisation(organisation))
        {
            return ApiProblem.NotFound($"Organisation '{organisation}' does not exist or its protocol is not yours to see.");
        }

        var scope = ProtocolScopes.Organisation(organisation);
        var current = await library.GetLayerAsync(scope, cancellationToken);
        if (current is null)
        {
            return Results.Ok(new ProtocolLayerDto(scope, 0, null, null, null, CovidOxygenProtocol.Default.Id));
        }

        return Results.Ok(new ProtocolLayerDto(scope, current.Version, ProtocolLayers.AsJson(current.LayerJson), current.ChangedBy, current.ChangedAt,
            ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, current.LayerJson).Id));
    }

    private static async Task<IResult> PutOrganisationLayerAsync(
        string organisation, JsonElement? body, System.Security.Claims.ClaimsPrincipal caller, IProtocolLibrary library, CancellationToken cancellationToken)
    {
        if (!IsOrganisation(organisation))
        {
            return BadOrganisation();
        }

        var scope = ProtocolScopes.Organisation(organisation);
        var current = await library.GetLayerAsync(scope, cancellationToken);
        var (layerJson, errors) = ProtocolLayers.Stamp(body, ProtocolLayers.OrganisationLabel(organisation), (current?.Version ?? 0) + 1);
        if (layerJson is null)
        {
            return ProtocolProblem.Refused(errors);
        }

        // Validated on top of the shipped default, the layer it replaces is not part of the basis: layers replace, never stack.
        errors = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, [layerJson]);
        if (errors.Count > 0)
        {
            return ProtocolProblem.Refused(errors);
        }

        var saved = await library.SaveLayerAsync(scope, layerJson, caller.Username(), cancellationToken);
        return Results.Ok(new ProtocolLayerDto(scope, saved.Version, ProtocolLayers.AsJson(saved.LayerJson), saved.ChangedBy, saved.ChangedAt,
            ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, saved.LayerJson).Id));
    }

    private static bool IsOrganisation(string organisation) => !string.IsNullOrWhiteSpace(organisation) && organisation.Length <= 200;

    private static IResult BadOrganisation() => ApiProblem.BadRequest("organisation must be 1-200 characters.");
}
