using System.Security.Claims;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>The registering user of a subscription as a caller, so the one visibility rule decides what it may be told.</summary>
internal static class SubscriptionOwner
{
    public static ClaimsPrincipal Of(FhirSubscriptionRecord subscription)
    {
        var claims = new List<Claim> { new("sub", subscription.Owner), new(ClaimTypes.Role, subscription.OwnerRole) };
        if (subscription.OwnerOrganisation is not null)
        {
            claims.Add(new Claim(TokenIssuer.OrganisationClaim, subscription.OwnerOrganisation));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "fhir-subscription", "sub", ClaimTypes.Role));
    }
}
