using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ThuisMonitoring.Web.Audit;

/// <summary>Marks an endpoint that reads or changes patient data: <c>.Audited(resource, action)</c> on the route.</summary>
public static class AuditedEndpoints
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder endpoint, string resource, string action)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(new AuditedAttribute(resource, action)).AddEndpointFilter(new AuditFilter(resource, action));
    }
}

/// <summary>Endpoint metadata: this endpoint is audited as <paramref name="Resource"/> / <paramref name="Action"/>.</summary>
public sealed record AuditedAttribute(string Resource, string Action);
