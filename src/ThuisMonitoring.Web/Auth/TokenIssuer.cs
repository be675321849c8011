using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Issues signed bearer tokens (JWT) for logged-in users.</summary>
public sealed class TokenIssuer(SigningKey key, AuthOptions options, TimeProvider clock)
{
    public const string Issuer = "thuismonitoring";
    public const string DisplayNameClaim = "name";
    public const string OrganisationClaim = "org";

    public (string Token, int ExpiresIn) Issue(UserAccount user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(DisplayNameClaim, user.DisplayName),
        };
        if (user.Organisation is { } organisation)
        {
            claims.Add(new(OrganisationClaim, organisation));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), (int)options.TokenLifetime.TotalSeconds);
    }
}
