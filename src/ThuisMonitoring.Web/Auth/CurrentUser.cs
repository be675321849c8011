using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Reads who is calling from the token's claims.</summary>
public static class CurrentUser
{
    public static string Username(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? string.Empty;

    /// <summary>The claim of a patient token that names the patient (issued by the device-token exchange).</summary>
    public const string PatientIdClaim = "patient_id";

    /// <summary>The token's <c>org</c> claim; null for a user without an organisation.</summary>
    public static string? Organisation(this ClaimsPrincipal user) => user.FindFirstValue(TokenIssuer.OrganisationClaim);

    /// <summary>The patient a patient token belongs to; null for staff tokens.</summary>
    public static string? PatientId(this ClaimsPrincipal user) => user.FindFirstValue(PatientIdClaim);
}
