using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// The registering user of a subscription as a caller <em>as they are now</em> (the user directory, not the role and
/// organisation at registration), so the one visibility rule decides at every queueing and every delivery what the
/// subscription may be told: an owner whose account is disabled or gone, or who lost sight of the patient (care handed
/// over to another organisation), is told nothing more.
/// </summary>
internal sealed class SubscriptionOwner(IUserDirectory users, PatientVisibility visibility)
{
    /// <summary>The owner as a caller, or null when their account is gone, disabled or no longer staff.</summary>
    public async Task<ClaimsPrincipal?> CurrentAsync(FhirSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(subscription.Owner, cancellationToken);
        if (user is null || user.Disabled || !FhirCaller.StaffRoles.Contains(user.Role))
        {
            return null;
        }

        var claims = new List<Claim> { new("sub", user.Username), new(ClaimTypes.Role, user.Role) };
        if (user.Organisation is not null)
        {
            claims.Add(new Claim(TokenIssuer.OrganisationClaim, user.Organisation));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "fhir-subscription", "sub", ClaimTypes.Role));
    }

    /// <summary>Whether the owner, as they are now, may see the patient (false for a patient no longer enrolled).</summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal? owner, string patientId, CancellationToken cancellationToken) =>
        owner is not null && await visibility.FindAsync(owner, patientId, cancellationToken) is not null;
}
