using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// Live hub connections by user. A WebSocket is authenticated once, when it opens: when a user's tokens are revoked,
/// <see cref="StaffAccounts"/> closes their open connections here, and the console reconnects with a fresh token or
/// signs out.
/// </summary>
public sealed class HubSessions
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Raised after a connection opened or closed here (who is on shift may have changed; the cluster tells the other hosts).</summary>
    public event Action? Changed;

    /// <summary>How many console connections are open now (all users).</summary>
    public int Count => _byUser.Values.Sum(connections => connections.Count);

    /// <summary>Who has a console open now: one principal per user with at least one live connection (nurses on shift).</summary>
    public IReadOnlyList<System.Security.Claims.ClaimsPrincipal> ConnectedUsers() =>
        [.. _byUser.Values.Select(connections => connections.Values.FirstOrDefault()?.User).OfType<System.Security.Claims.ClaimsPrincipal>()];

    public void Opened(string username, HubCallerContext connection)
    {
        _byUser.GetOrAdd(username, _ => new())[connection.ConnectionId] = connection;
        Changed?.Invoke();
    }

    public void Closed(string username, HubCallerContext connection)
    {
        if (_byUser.TryGetValue(username, out var connections))
        {
            connections.TryRemove(connection.ConnectionId, out _);
        }

        Changed?.Invoke();
    }

    /// <summary>Raised when every connection of a user was closed because their tokens were revoked (the other hosts of a cluster close theirs).</summary>
    public event Action<string>? Revoked;

    /// <summary>Closes every open connection of <paramref name="username"/> (and, in cluster mode, the other hosts close theirs); returns how many here.</summary>
    public int CloseAll(string username)
    {
        var closed = CloseHere(username);
        Revoked?.Invoke(username);
        return closed;
    }

    /// <summary>Closes every open connection of <paramref name="username"/> on this host; returns how many.</summary>
    public int CloseHere(string username)
    {
        if (!_byUser.TryRemove(username, out var connections))
        {
            return 0;
        }

        foreach (var connection in connections.Values)
        {
            connection.Abort();
        }

        Changed?.Invoke();
        return connections.Count;
    }
}
