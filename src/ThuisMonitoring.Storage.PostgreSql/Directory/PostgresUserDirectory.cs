using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>Logins in the cluster's database. Usernames are unique ignoring ASCII case, as in the embedded store.</summary>
internal sealed class PostgresUserDirectory(PostgresDatabase database, ILogger<PostgresUserDirectory> logger) : IUserDirectory
{
    public async Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "INSERT INTO users (username_key, username, document) VALUES (@key, @username, @document) ON CONFLICT DO NOTHING", connection);
        command.Parameters.AddWithValue("key", KeyOf(user.Username));
        command.Parameters.AddWithValue("username", user.Username);
        command.Parameters.Add(PostgresDocuments.Parameter("document", user));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            logger.LogInformation("User {Username} added with role {Role}", user.Username, user.Role);
        }

        return added;
    }

    /// <summary>Compare-and-swap under a row lock (<c>FOR UPDATE</c>): two hosts changing one user cannot lose a change.</summary>
    public async Task<bool> TryReplaceAsync(UserAccount current, UserAccount updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        if (!string.Equals(current.Username, updated.Username, StringComparison.Ordinal))
        {
            throw new ArgumentException("A user keeps their username.", nameof(updated));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var read = new NpgsqlCommand("SELECT document FROM users WHERE username_key = @key FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("key", KeyOf(current.Username));
            // Compared as records, not as JSON text, so a document written before a field existed still matches.
            if (await PostgresDocuments.ReadOneAsync<UserAccount>(read, cancellationToken).ConfigureAwait(false) != current)
            {
                return false;
            }
        }

        await using (var write = new NpgsqlCommand("UPDATE users SET document = @document WHERE username_key = @key", connection, transaction))
        {
            write.Parameters.AddWithValue("key", KeyOf(current.Username));
            write.Parameters.Add(PostgresDocuments.Parameter("document", updated));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM users WHERE username_key = @key", connection);
        command.Parameters.AddWithValue("key", KeyOf(username));
        return await PostgresDocuments.ReadOneAsync<UserAccount>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM users", connection);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(string? role, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT document FROM users ORDER BY username_key", connection);
        var users = await PostgresDocuments.ReadAllAsync<UserAccount>(command, cancellationToken).ConfigureAwait(false);
        return role is null ? users : [.. users.Where(u => u.Role == role)];
    }

    private static string KeyOf(string username) => UsernameKey.Of(username);
}
