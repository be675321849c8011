using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// The check after a token's signature and lifetime (JwtBearer <c>OnTokenValidated</c>, for the API and the hub
/// alike): its user still exists, is not disabled and has the stamp the token was issued under; a restricted
/// TOTP-enrolment token is good only for <c>/api/me/totp</c>.
/// </summary>
public static class TokenRevocation
{
    public static readonly PathString EnrolmentPath = "/api/me/totp";

    public static async Task CheckAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal?.Role() == Roles.Patient)
        {
            await CheckPatientAsync(context, principal);
            return;
        }

        var username = principal?.FindFirst("sub")?.Value;
        var stampClaim = principal?.FindFirst(TokenClaims.SecurityStamp)?.Value;
        if (username is null || !long.TryParse(stampClaim, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedUnder))
        {
            context.Fail("The token carries no security stamp.");
            return;
        }

        if (principal!.FindFirst(TokenClaims.Scope)?.Value == TokenClaims.TotpEnrolmentScope
            && !context.HttpContext.Request.Path.StartsWithSegments(EnrolmentPath))
        {
            context.Fail("A TOTP-enrolment token is only good for /api/me/totp.");
            return;
        }

        var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>();
        if (!await IsCurrentAsync(stamps, username, issuedUnder, context.HttpContext.RequestAborted))
        {
            context.Fail("The token has been revoked.");
        }
    }

    /// <summary>
    /// Whether a staff member's token is still good now: checked again by the hub once a connection is registered,
    /// because a revocation between the token check and that registration would find no connection to close.
    /// </summary>
    public static async ValueTask<bool> IsCurrentAsync(System.Security.Claims.ClaimsPrincipal principal, SecurityStamps stamps, CancellationToken cancellationToken)
    {
        var username = principal.FindFirst("sub")?.Value;
        var stampClaim = principal.FindFirst(TokenClaims.SecurityStamp)?.Value;
        return username is not null
            && long.TryParse(stampClaim, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedUnder)
            && await IsCurrentAsync(stamps, username, issuedUnder, cancellationToken);
    }

    private static async ValueTask<bool> IsCurrentAsync(SecurityStamps stamps, string username, long issuedUnder, CancellationToken cancellationToken)
    {
        var current = await stamps.CurrentAsync(username, cancellationToken);
        return current is not null && !current.Disabled && current.SecurityStamp == issuedUnder;
    }

    /// <summary>
    /// A patient's token (issued for one device of theirs) lasts only while that device is still bound to that
    /// patient: unbinding the device, or erasing the patient, revokes it.
    /// </summary>
    private static async Task CheckPatientAsync(TokenValidatedContext context, System.Security.Claims.ClaimsPrincipal principal)
    {
        var deviceId = principal.FindFirst("sub")?.Value;
        var patientId = principal.PatientId();
        var devices = context.HttpContext.RequestServices.GetRequiredService<IDeviceRegistry>();
        var binding = deviceId is null || patientId is null ? null : await devices.FindAsync(deviceId, context.HttpContext.RequestAborted);
        if (binding is null || binding.PatientId != patientId)
        {
            context.Fail("The patient token's device is no longer bound to the patient.");
        }
    }
}
