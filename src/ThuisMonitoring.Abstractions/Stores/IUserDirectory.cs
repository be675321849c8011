namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable store of logins.</summary>
public interface IUserDirectory
{
    /// <summary>Adds a user; false when the username is taken.</summary>
    Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
