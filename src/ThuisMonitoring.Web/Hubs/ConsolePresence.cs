using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>A user with a console open (connected to the alert hub): who, in which role, of which organisation.</summary>
public sealed record ConsoleUser(string Username, string Role, string? Organisation);

/// <summary>
/// Who has a console open now, one entry per user however many tabs (nurses on shift, docs/capacity.md). On one host
/// these are its hub connections (<see cref="LocalConsolePresence"/>); in cluster mode the host composition adds those
/// of every other host (docs/operations.md, "Consoles on every host").
/// </summary>
public interface IConsolePresence
{
    IReadOnlyList<ConsoleUser> Users();
}

/// <summary>The users with a live connection to this host's hub (<see cref="HubSessions"/>).</summary>
public sealed class LocalConsolePresence(HubSessions sessions) : IConsolePresence
{
    public IReadOnlyList<ConsoleUser> Users() =>
        [.. sessions.ConnectedUsers()
            .Select(u => new ConsoleUser(u.Username(), u.Role(), u.Organisation()))
            .DistinctBy(u => u.Username, StringComparer.OrdinalIgnoreCase)];
}
