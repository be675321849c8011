using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>
/// Refresh tokens (their SHA-256 hashes) in the cluster's database, so a token issued by one host is refreshed on any
/// other. Using a token locks its row (<c>FOR UPDATE</c>): two hosts handed the same token cannot both see it unused.
/// Rows are dropped a day after they expire.
/// </summary>
internal sealed class PostgresRefreshTokenStore(PostgresDatabase database, ILogger<PostgresRefreshTokenStore> logger) : IRefreshTokenStore
{
    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM refresh_tokens WHERE expires_at_ticks < @stale")
                {
                    Parameters = { new NpgsqlParameter("stale", (token.IssuedAt - TimeSpan.FromDays(1)).UtcTicks) },
                },
                new NpgsqlBatchCommand("""
                    INSERT INTO refresh_tokens (token_hash, family_id, username, security_stamp, issued_at_ticks, expires_at_ticks)
                    VALUES (@hash, @family, @username, @stamp, @issued, @expires)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter("hash", token.TokenHash),
                        new NpgsqlParameter("family", token.FamilyId),
                        new NpgsqlParameter("username", token.Username),
                        new NpgsqlParameter("stamp", token.SecurityStamp),
                        new NpgsqlParameter("issued", token.IssuedAt.UtcTicks),
                        new NpgsqlParameter("expires", token.ExpiresAt.UtcTicks),
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RefreshTokenUse> UseAsync(string tokenHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        RefreshToken token;
        bool used, revoked;
        await using (var read = new NpgsqlCommand("""
            SELECT family_id, username, security_stamp, issued_at_ticks, expires_at_ticks, used_at_ticks IS NOT NULL, revoked
            FROM refresh_tokens WHERE token_hash = @hash FOR UPDATE
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("hash", tokenHash);
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
            logger.LogWarning("Refresh token of {Username} used twice: every token of that login is revoked", token.Username);
            return new(RefreshTokenUseOutcome.Reused, token);
        }

        if (token.ExpiresAt <= at)
        {
            return new(RefreshTokenUseOutcome.Expired, token);
        }

        await using (var mark = new NpgsqlCommand("UPDATE refresh_tokens SET used_at_ticks = @at WHERE token_hash = @hash", connection, transaction))
        {
            mark.Parameters.AddWithValue("at", at.UtcTicks);
            mark.Parameters.AddWithValue("hash", tokenHash);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(RefreshTokenUseOutcome.Used, token);
    }

    public async Task<bool> RevokeFamilyOfAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE refresh_tokens SET revoked = true
            WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = @hash)
            RETURNING 1
            """, connection);
        command.Parameters.AddWithValue("hash", tokenHash);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private static async Task RevokeFamilyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string family, CancellationToken cancellationToken)
    {
        await using var revoke = new NpgsqlCommand("UPDATE refresh_tokens SET revoked = true WHERE family_id = @family", connection, transaction);
        revoke.Parameters.AddWithValue("family", family);
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
