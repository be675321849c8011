using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// A login's tokens: a short-lived access token and an opaque refresh token (32 random bytes, stored as its SHA-256
/// hash) that rotates on every use. All refresh tokens of one login form a family that ends
/// <c>Auth:RefreshTokenHours</c> after the login; reusing a used one revokes the family.
/// </summary>
public sealed class SessionTokens(TokenIssuer issuer, IRefreshTokenStore store, IUserDirectory users, AuthOptions options, TimeProvider clock)
{
    /// <summary>The tokens of a new login.</summary>
    public Task<TokenResponse> StartAsync(UserAccount user, CancellationToken cancellationToken) =>
        IssueAsync(user, Guid.NewGuid().ToString("N"), clock.GetUtcNow() + options.RefreshTokenLifetime, cancellationToken);

    /// <summary>The next tokens for <paramref name="refreshToken"/>; null when it is unknown, used, expired or revoked, or its user's tokens were revoked.</summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var use = await store.UseAsync(Hash(refreshToken), clock.GetUtcNow(), cancellationToken);
        if (use is not { Outcome: RefreshTokenUseOutcome.Used, Token: { } token })
        {
            return null;
        }

        var user = await users.FindAsync(token.Username, cancellationToken);
        var mustEnrol = options.RequiresTotp(user?.Organisation) && user?.Totp is not { Confirmed: true };
        if (user is null || user.Disabled || user.SecurityStamp != token.SecurityStamp || mustEnrol)
        {
            return null;
        }

        return await IssueAsync(user, token.FamilyId, token.ExpiresAt, cancellationToken);
    }

    /// <summary>Ends the login <paramref name="refreshToken"/> belongs to.</summary>
    public Task<bool> EndAsync(string refreshToken, CancellationToken cancellationToken) =>
        store.RevokeFamilyOfAsync(Hash(refreshToken), cancellationToken);

    private async Task<TokenResponse> IssueAsync(UserAccount user, string family, DateTimeOffset familyEnds, CancellationToken cancellationToken)
    {
        var (accessToken, expiresIn) = issuer.Issue(user);
        var refreshToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await store.AddAsync(new RefreshToken(Hash(refreshToken), family, user.Username, user.SecurityStamp, now, familyEnds), cancellationToken);
        return new TokenResponse(accessToken, expiresIn, user.Username, user.Role, user.DisplayName)
        {
            RefreshToken = refreshToken,
            RefreshExpiresIn = (int)Math.Max(0, Math.Round((familyEnds - now).TotalSeconds)),
        };
    }

    private static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}
