namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable store of logins.</summary>
public interface IUserDirectory
{
    /// <summary>Adds a user; false when the username is taken.</summary>
    Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The users with the given role (all when null), by username.</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(string? role, CancellationToken cancellationToken);
}
