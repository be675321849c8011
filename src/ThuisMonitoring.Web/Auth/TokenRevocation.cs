using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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
        var current = await stamps.CurrentAsync(username, context.HttpContext.RequestAborted);
        if (current is null || current.Disabled || current.SecurityStamp != issuedUnder)
        {
            context.Fail("The token has been revoked.");
        }
    }
}
