using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// The one way users are changed after they are created (disable, enable, password, second factor): the change is
/// written with a compare-and-swap, and when it revokes, the security stamp is raised, the stamp cache forgets the
/// user and their open hub connections are closed, so every token they hold stops working on its next use.
/// </summary>
public sealed partial class StaffAccounts(IUserDirectory users, SecurityStamps stamps, HubSessions hubs, ILogger<StaffAccounts> logger)
{
    private const int Attempts = 5;

    /// <summary>Applies <paramref name="change"/> to the stored user; null when there is no such user.</summary>
    public async Task<UserAccount?> ChangeAsync(string username, Func<UserAccount, UserAccount> change, bool revokeTokens, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var current = await users.FindAsync(username, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var updated = change(current);
            if (revokeTokens)
            {
                updated = updated.Revoked();
            }

            if (!await users.TryReplaceAsync(current, updated, cancellationToken))
            {
                continue;
            }

            stamps.Forget(current.Username);
            if (revokeTokens)
            {
                LogRevoked(current.Username, what, hubs.CloseAll(current.Username));
            }

            return updated;
        }

        throw new InvalidOperationException($"User {username} kept changing while {what} was being written.");
    }

    [LoggerMessage(EventId = 9403, Level = LogLevel.Information, Message = "User {Username}: {What}; all their tokens are revoked ({HubConnections} live connections closed)")]
    private partial void LogRevoked(string username, string what, int hubConnections);
}
