using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Issues signed bearer tokens (JWT) for logged-in users, carrying the user's security stamp.</summary>
public sealed class TokenIssuer(SigningKey key, AuthOptions options, TimeProvider clock)
{
    public const string Issuer = "thuismonitoring";
    public const string DisplayNameClaim = TokenClaims.DisplayName;
    public const string OrganisationClaim = TokenClaims.Organisation;

    /// <summary>How long a restricted TOTP-enrolment token lasts.</summary>
    public static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromMinutes(10);

    /// <summary>An access token for <paramref name="user"/>, valid for <c>Auth:AccessTokenMinutes</c>.</summary>
    public (string Token, int ExpiresIn) Issue(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(DisplayNameClaim, user.DisplayName),
            Stamp(user),
        };
        if (user.Organisation is { } organisation)
        {
            claims.Add(new(OrganisationClaim, organisation));
        }

        return Sign(claims, options.AccessTokenLifetime);
    }

    /// <summary>
    /// A patient's token for one of their devices (role <c>patient</c>, <c>sub</c> the device, <c>patient_id</c> the
    /// patient): good for the <c>/api/me</c> routes only, and only while the device stays bound (TokenRevocation).
    /// </summary>
    public (string Token, int ExpiresIn) IssuePatient(DeviceBinding device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, device.DeviceId),
            new(ClaimTypes.Role, Roles.Patient),
            new(CurrentUser.PatientIdClaim, device.PatientId),
        };
        if (device.Organisation is { } organisation)
        {
            claims.Add(new(OrganisationClaim, organisation));
        }

        return Sign(claims, options.AccessTokenLifetime);
    }

    /// <summary>A token without a role that only lets <paramref name="user"/> enrol a second factor.</summary>
    public (string Token, int ExpiresIn) IssueEnrolment(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Sign(
            [new(JwtRegisteredClaimNames.Sub, user.Username), new(TokenClaims.Scope, TokenClaims.TotpEnrolmentScope), Stamp(user)],
            EnrolmentLifetime);
    }

    private static Claim Stamp(UserAccount user) =>
        new(TokenClaims.SecurityStamp, user.SecurityStamp.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    private (string Token, int ExpiresIn) Sign(List<Claim> claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }
}
