using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Directory;

/// <summary>Pairing codes (their hashes) in the directory file; rows are dropped a day after they expire.</summary>
internal sealed class SqlitePairingCodes : IPairingCodes
{
    private readonly SqliteDatabase _database;

    public SqlitePairingCodes(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(DirectorySchema.Sql);
    }

    public async Task AddAsync(PairingGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM pairing_codes WHERE expires_at_ticks < $stale;
            INSERT INTO pairing_codes (code_hash, device_id, patient_id, issued_at_ticks, expires_at_ticks)
            VALUES ($hash, $device, $patient, $issued, $expires);
            """;
        command.Parameters.AddWithValue("$stale", (grant.IssuedAt - TimeSpan.FromDays(1)).UtcTicks);
        command.Parameters.AddWithValue("$hash", grant.CodeHash);
        command.Parameters.AddWithValue("$device", grant.DeviceId);
        command.Parameters.AddWithValue("$patient", grant.PatientId);
        command.Parameters.AddWithValue("$issued", grant.IssuedAt.UtcTicks);
        command.Parameters.AddWithValue("$expires", grant.ExpiresAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PairingGrant?> RedeemAsync(string codeHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // One statement: of two concurrent redemptions only one finds used_at_ticks still empty.
        command.CommandText = """
            UPDATE pairing_codes SET used_at_ticks = $at
            WHERE code_hash = $hash AND used_at_ticks IS NULL AND expires_at_ticks > $at
            RETURNING device_id, patient_id, issued_at_ticks, expires_at_ticks;
            """;
        command.Parameters.AddWithValue("$hash", codeHash);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        if (!await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }

        return new PairingGrant(codeHash, reader.GetString(0), reader.GetString(1),
            new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero));
    }
}
