using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Host.Testing;

/// <summary>
/// <c>Testing:EndpointCatalogue=true</c>: <c>GET /api/testing/endpoints</c> (admin) lists every HTTP endpoint the host
/// maps (methods, route pattern, the authorization it declares), so authorization tests enumerate the real endpoint
/// list instead of a copy of it: an endpoint added without a rule in those tests makes them fail. Without the setting
/// nothing of this is mapped.
/// </summary>
public static class EndpointCatalogue
{
    public const string Key = "Testing:EndpointCatalogue";

    public static void MapEndpointCatalogue(this WebApplication app)
    {
        if (!app.Configuration.GetValue(Key, false))
        {
            return;
        }

        app.Logger.LogWarning("Endpoint catalogue enabled ({Key}): GET /api/testing/endpoints lists every endpoint. Tests only.", Key);
        app.MapGet("/api/testing/endpoints", (IEnumerable<EndpointDataSource> sources) =>
            Results.Ok(sources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .Select(Describe)
                .Where(e => e.Pattern != "/api/testing/endpoints")
                .OrderBy(e => e.Pattern, StringComparer.Ordinal)
                .ThenBy(e => string.Join(',', e.Methods), StringComparer.Ordinal)
                .ToList()))
            .RequireAuthorization(Policies.Admin);
    }

    private static CatalogueEntry Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        return new CatalogueEntry(
            "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
            methods.Order(StringComparer.Ordinal).ToList(),
            endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            authorize.Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            endpoint.DisplayName);
    }
}

/// <summary>One mapped endpoint: its route pattern, HTTP methods (empty: any), whether it allows anonymous callers and the policies it requires.</summary>
public sealed record CatalogueEntry(string Pattern, IReadOnlyList<string> Methods, bool AllowsAnonymous, IReadOnlyList<string> Policies, string? DisplayName);
