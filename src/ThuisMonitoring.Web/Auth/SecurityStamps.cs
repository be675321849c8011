using System.Collections.Concurrent;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// The current security stamp (and disabled flag) of each user, read from the user directory once and then kept in
/// memory, so checking a token on every request costs a dictionary lookup. <see cref="StaffAccounts"/> forgets a
/// user whenever it changes them: this host is the only writer of its directory.
/// </summary>
public sealed class SecurityStamps(IUserDirectory users)
{
    private readonly ConcurrentDictionary<string, UserStamp> _stamps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user's stamp now; null when the user does not exist.</summary>
    public async ValueTask<UserStamp?> CurrentAsync(string username, CancellationToken cancellationToken)
    {
        if (_stamps.TryGetValue(username, out var known))
        {
            return known;
        }

        var user = await users.FindAsync(username, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var stamp = new UserStamp(user.SecurityStamp, user.Disabled);
        _stamps[username] = stamp;
        return stamp;
    }

    /// <summary>Drops what is known of <paramref name="username"/>; the next check reads the directory again.</summary>
    public void Forget(string username) => _stamps.TryRemove(username, out _);
}

/// <summary>What a token is checked against.</summary>
public sealed record UserStamp(long SecurityStamp, bool Disabled);
