using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Web.Api;

/// <summary>Body of <c>POST /api/organisations</c>.</summary>
public sealed record CreateOrganisationRequest(string? Id, string? Name, string? Kind, bool? SharePatientsWithinOrganisation);

/// <summary>Body of <c>POST /api/organisations/{centre}/clients</c>.</summary>
public sealed record AddClientRequest(string? Organisation);

/// <summary>An organisation of the region, with the organisations it serves when it is a monitoring centre.</summary>
public sealed record OrganisationDto(string Id, string Name, string Kind, bool SharePatientsWithinOrganisation, IReadOnlyList<string> Clients)
{
    public static OrganisationDto From(Organisation organisation, IEnumerable<string> clients) =>
        new(organisation.Id, organisation.Name, organisation.Kind.ToCode(), organisation.SharePatientsWithinOrganisation, [.. clients]);
}
