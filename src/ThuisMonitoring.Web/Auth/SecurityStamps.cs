using System.Collections.Concurrent;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// The current security stamp (and disabled flag) of each user, read from the user directory once and then kept in
/// memory, so checking a token on every request costs a dictionary lookup. <see cref="StaffAccounts"/> forgets a
/// user whenever it changes them. On one host that is every change; in cluster mode the host composition tells the
/// other hosts (<see cref="Forgotten"/>), which forget the user too (<see cref="ForgetHere"/>).
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

    /// <summary>Raised when a user was changed here and forgotten (the other hosts of a cluster must forget them too).</summary>
    public event Action<string>? Forgotten;

    /// <summary>Drops what is known of <paramref name="username"/>; the next check reads the directory again.</summary>
    public void Forget(string username)
    {
        ForgetHere(username);
        Forgotten?.Invoke(username);
    }

    /// <summary>Drops what this host knows of <paramref name="username"/> (changed through another host).</summary>
    public void ForgetHere(string username) => _stamps.TryRemove(username, out _);

    /// <summary>Drops everything known (a host that may have missed changes made through other hosts).</summary>
    public void ForgetAll() => _stamps.Clear();
}

/// <summary>What a token is checked against.</summary>
public sealed record UserStamp(long SecurityStamp, bool Disabled);
