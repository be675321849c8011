namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// Durable store of refresh tokens, kept only as hashes. A token is used once: using it again (a stolen copy, or the
/// thief's copy after the owner used it) revokes its whole family, every token rotated from the same login.
/// </summary>
public interface IRefreshTokenStore
{
    Task AddAsync(RefreshToken token, CancellationToken cancellationToken);

    /// <summary>Uses the token with this hash at <paramref name="at"/>, at most once; on reuse its family is revoked in the same transaction.</summary>
    Task<RefreshTokenUse> UseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes the family of the token with this hash (logout); false when no such token is stored.</summary>
    Task<bool> RevokeFamilyOfAsync(string tokenHash, CancellationToken cancellationToken);
}

/// <summary>One stored refresh token: its hash, the login it descends from, whose it is and under which security stamp.</summary>
public sealed record RefreshToken(string TokenHash, string FamilyId, string Username, long SecurityStamp, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>What using a refresh token found.</summary>
public enum RefreshTokenUseOutcome
{
    /// <summary>First use of a live token: the caller may issue the next one of the family.</summary>
    Used,
    Unknown,
    Expired,
    /// <summary>Its family was revoked before (logout, or an earlier reuse).</summary>
    Revoked,
    /// <summary>Used before: the family is revoked now.</summary>
    Reused,
}

/// <summary>The outcome and, when known, the token.</summary>
public sealed record RefreshTokenUse(RefreshTokenUseOutcome Outcome, RefreshToken? Token);
