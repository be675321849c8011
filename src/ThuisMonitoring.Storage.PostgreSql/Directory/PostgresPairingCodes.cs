using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Directory;

/// <summary>
/// Pairing codes (their hashes) in the cluster's database, so a code shown by one host is redeemed through any other,
/// once. Rows are dropped a day after they expire.
/// </summary>
internal sealed class PostgresPairingCodes(PostgresDatabase database) : IPairingCodes
{
    public async Task AddAsync(PairingGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM pairing_codes WHERE expires_at_ticks < @stale")
                {
                    Parameters = { new NpgsqlParameter("stale", (grant.IssuedAt - TimeSpan.FromDays(1)).UtcTicks) },
                },
                new NpgsqlBatchCommand("""
                    INSERT INTO pairing_codes (code_hash, device_id, patient_id, issued_at_ticks, expires_at_ticks)
                    VALUES (@hash, @device, @patient, @issued, @expires)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter("hash", grant.CodeHash),
                        new NpgsqlParameter("device", grant.DeviceId),
                        new NpgsqlParameter("patient", grant.PatientId),
                        new NpgsqlParameter("issued", grant.IssuedAt.UtcTicks),
                        new NpgsqlParameter("expires", grant.ExpiresAt.UtcTicks),
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PairingGrant?> RedeemAsync(string codeHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement: of two concurrent redemptions (on any hosts) the second waits for the first's row lock, then
        // finds used_at_ticks set and matches nothing.
        await using var command = new NpgsqlCommand("""
            UPDATE pairing_codes SET used_at_ticks = @at
            WHERE code_hash = @hash AND used_at_ticks IS NULL AND expires_at_ticks > @at
            RETURNING device_id, patient_id, issued_at_ticks, expires_at_ticks
            """, connection);
        command.Parameters.AddWithValue("hash", codeHash);
        command.Parameters.AddWithValue("at", at.UtcTicks);
        // Not cancelled once sent, as the embedded store: a code used must be answered with its credentials.
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        if (!await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        return new PairingGrant(codeHash, reader.GetString(0), reader.GetString(1),
            new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero));
    }
}
