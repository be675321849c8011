using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Logins in the directory file. Usernames are unique ignoring (ASCII) case: "Admin" and "admin" are one user.</summary>
internal sealed class SqliteUserDirectory : IUserDirectory
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteUserDirectory> _logger;

    public SqliteUserDirectory(SqliteDatabase database, ILogger<SqliteUserDirectory> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    public async Task<bool> TryAddAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users (username, document) VALUES ($username, $document) ON CONFLICT DO NOTHING;";
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(user));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            _logger.LogInformation("User {Username} added with role {Role}", user.Username, user.Role);
        }

        return added;
    }

    public async Task<bool> TryReplaceAsync(UserAccount current, UserAccount updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(updated);
        if (!string.Equals(current.Username, updated.Username, StringComparison.Ordinal))
        {
            throw new ArgumentException("A user keeps their username.", nameof(updated));
        }

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): no other writer between the read and the write. Compared as
        // records, not as JSON text, so a document written before a field existed still matches what was read from it.
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT document FROM users WHERE username = $username;";
        read.Parameters.AddWithValue("$username", current.Username);
        if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string json || StoredJson.Deserialize<UserAccount>(json) != current)
        {
            return false;
        }

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE users SET document = $document WHERE username = $username;";
        write.Parameters.AddWithValue("$username", current.Username);
        write.Parameters.AddWithValue("$document", StoredJson.Serialize(updated));
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM users WHERE username = $username;";
        command.Parameters.AddWithValue("$username", username);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? StoredJson.Deserialize<UserAccount>(json)
            : null;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Filtered in memory: a site has tens or hundreds of staff, not enough to index the role.</summary>
    public async Task<IReadOnlyList<UserAccount>> ListAsync(string? role, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM users ORDER BY username COLLATE NOCASE;";
        var users = await StoredDocuments.ReadAllAsync<UserAccount>(command, cancellationToken).ConfigureAwait(false);
        return role is null ? users : [.. users.Where(u => u.Role == role)];
    }
}
