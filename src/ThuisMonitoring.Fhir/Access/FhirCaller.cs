using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Fhir.Http;

namespace ThuisMonitoring.Fhir.Access;

/// <summary>
/// Bearer tokens as on /api (the host's JWT authentication, revocation included), answered as OperationOutcome:
/// 401 without a valid token, 403 for a role other than staff (admin, nurse, clinician).
/// </summary>
internal sealed class FhirCaller : IEndpointFilter
{
    /// <summary>The roles that may use /fhir (and own a subscription).</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Admin, Roles.Nurse, Roles.Clinician];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Outcomes.Unauthorized();
        }

        if (!StaffRoles.Any(user.IsInRole))
        {
            return Outcomes.Forbidden();
        }

        return await next(context);
    }
}
