namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable store of logins.</summary>
public interface IUserDirectory
{
    /// <summary>Adds a user; false when the username is taken.</summary>
    Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces <paramref name="current"/> (as it was read) with <paramref name="updated"/> (same username); false
    /// when the stored user has changed in between or is gone, so two concurrent changes cannot lose one.
    /// </summary>
    Task<bool> TryReplaceAsync(UserAccount current, UserAccount updated, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The users with the given role (all when null), by username.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(string? role, CancellationToken cancellationToken);
}
