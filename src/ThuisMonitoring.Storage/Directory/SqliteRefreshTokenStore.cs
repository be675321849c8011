using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Refresh tokens (their SHA-256 hashes) in the directory file; rows are dropped a day after they expire.</summary>
internal sealed class SqliteRefreshTokenStore : IRefreshTokenStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash       TEXT NOT NULL PRIMARY KEY,
            family_id        TEXT NOT NULL,
            username         TEXT NOT NULL,
            security_stamp   INTEGER NOT NULL,
            issued_at_ticks  INTEGER NOT NULL,
            expires_at_ticks INTEGER NOT NULL,
            used_at_ticks    INTEGER,
            revoked          INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS ix_refresh_tokens_family ON refresh_tokens (family_id);
        CREATE INDEX IF NOT EXISTS ix_refresh_tokens_expires ON refresh_tokens (expires_at_ticks);
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteRefreshTokenStore> _logger;

    public SqliteRefreshTokenStore(SqliteDatabase database, ILogger<SqliteRefreshTokenStore> logger)
    {
        _database = database;
        _logger = logger;
        _database.EnsureSchema(Schema);
    }

    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM refresh_tokens WHERE expires_at_ticks < $stale;
            INSERT INTO refresh_tokens (token_hash, family_id, username, security_stamp, issued_at_ticks, expires_at_ticks)
            VALUES ($hash, $family, $username, $stamp, $issued, $expires);
            """;
        command.Parameters.AddWithValue("$stale", (token.IssuedAt - TimeSpan.FromDays(1)).UtcTicks);
        command.Parameters.AddWithValue("$hash", token.TokenHash);
        command.Parameters.AddWithValue("$family", token.FamilyId);
        command.Parameters.AddWithValue("$username", token.Username);
        command.Parameters.AddWithValue("$stamp", token.SecurityStamp);
        command.Parameters.AddWithValue("$issued", token.IssuedAt.UtcTicks);
        command.Parameters.AddWithValue("$expires", token.ExpiresAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RefreshTokenUse> UseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE: two requests with the same token cannot both see it unused.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        RefreshToken token;
        bool used, revoked;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = """
                SELECT family_id, username, security_stamp, issued_at_ticks, expires_at_ticks, used_at_ticks IS NOT NULL, revoked
                FROM refresh_tokens WHERE token_hash = $hash;
                """;
            read.Parameters.AddWithValue("$hash", tokenHash);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new(RefreshTokenUseOutcome.Unknown, null);
            }

            token = new RefreshToken(tokenHash, reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero));
            used = reader.GetBoolean(5);
            revoked = reader.GetBoolean(6);
        }

        if (revoked)
        {
            return new(RefreshTokenUseOutcome.Revoked, token);
        }

        if (used)
        {
            await RevokeFamilyAsync(connection, transaction, token.FamilyId, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Refresh token of {Username} used twice: every token of that login is revoked", token.Username);
            return new(RefreshTokenUseOutcome.Reused, token);
        }

        if (token.ExpiresAt <= at)
        {
            return new(RefreshTokenUseOutcome.Expired, token);
        }

        await using (var mark = connection.CreateCommand())
        {
            mark.Transaction = transaction;
            mark.CommandText = "UPDATE refresh_tokens SET used_at_ticks = $at WHERE token_hash = $hash;";
            mark.Parameters.AddWithValue("$at", at.UtcTicks);
            mark.Parameters.AddWithValue("$hash", tokenHash);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(RefreshTokenUseOutcome.Used, token);
    }

    public async Task<bool> RevokeFamilyOfAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string? family;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT family_id FROM refresh_tokens WHERE token_hash = $hash;";
            read.Parameters.AddWithValue("$hash", tokenHash);
            family = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        if (family is null)
        {
            return false;
        }

        await RevokeFamilyAsync(connection, transaction, family, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task RevokeFamilyAsync(SqliteConnection connection, SqliteTransaction transaction, string family, CancellationToken cancellationToken)
    {
        await using var revoke = connection.CreateCommand();
        revoke.Transaction = transaction;
        revoke.CommandText = "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = $family;";
        revoke.Parameters.AddWithValue("$family", family);
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
