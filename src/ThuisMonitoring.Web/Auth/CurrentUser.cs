using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Reads who is calling from the token's claims.</summary>
public static class CurrentUser
{
    public static string Username(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? string.Empty;
}
