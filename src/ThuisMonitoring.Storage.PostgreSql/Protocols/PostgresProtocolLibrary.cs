using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Storage.PostgreSql.Measurements;

namespace ThuisMonitoring.Storage.PostgreSql.Protocols;

/// <summary>
/// The versioned, audited protocol layers in the cluster's database. Saves of one scope take turns under an advisory
/// lock on the scope (also when the scope has no row to lock yet), so two admins on two hosts get versions n+1 and n+2.
/// </summary>
internal sealed class PostgresProtocolLibrary(PostgresDatabase database, TimeProvider time, ILogger<PostgresProtocolLibrary> logger) : IProtocolLibrary
{
    private const string Current = "SELECT version, layer_json, changed_by, changed_at_ticks, changed_at_offset FROM protocol_layers WHERE scope = @scope";

    public async Task<ProtocolLayerVersion?> GetLayerAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCurrentAsync(connection, null, scope, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProtocolLayerVersion> SaveLayerAsync(string scope, string layerJson, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(layerJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var changedAt = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockScope = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('protocol:' || @scope, 0))", connection, transaction))
        {
            lockScope.Parameters.AddWithValue("scope", scope);
            await lockScope.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadCurrentAsync(connection, transaction, scope, cancellationToken).ConfigureAwait(false);
        var saved = new ProtocolLayerVersion(scope, (current?.Version ?? 0) + 1, layerJson, changedBy, changedAt);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO protocol_layers (scope, version, layer_json, changed_by, changed_at_ticks, changed_at_offset)
            VALUES (@scope, @version, @layer, @changedBy, @ticks, @offset)
            ON CONFLICT (scope) DO UPDATE SET
                version = excluded.version, layer_json = excluded.layer_json, changed_by = excluded.changed_by,
                changed_at_ticks = excluded.changed_at_ticks, changed_at_offset = excluded.changed_at_offset
            """, connection, transaction))
        {
            AddVersion(upsert, saved);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var log = new NpgsqlCommand("""
            INSERT INTO protocol_changes (scope, version, old_layer_json, new_layer_json, changed_by, changed_at_ticks, changed_at_offset)
            VALUES (@scope, @version, @old, @layer, @changedBy, @ticks, @offset)
            """, connection, transaction))
        {
            AddVersion(log, saved);
            log.Parameters.Add(new NpgsqlParameter("old", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)current?.LayerJson ?? DBNull.Value });
            await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Protocol layer {Scope} saved as version {Version} by {ChangedBy}", scope, saved.Version, changedBy);
        return saved;
    }

    public async Task<IReadOnlyList<ProtocolChange>> ChangesAsync(string? scope, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        const string columns = "SELECT scope, version, old_layer_json, new_layer_json, changed_by, changed_at_ticks, changed_at_offset FROM protocol_changes";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            scope is null
                ? columns + " ORDER BY changed_at_ticks DESC, scope COLLATE \"C\", version DESC LIMIT @limit"
                : columns + " WHERE scope = @scope ORDER BY version DESC LIMIT @limit",
            connection);
        if (scope is not null)
        {
            command.Parameters.AddWithValue("scope", scope);
        }

        command.Parameters.AddWithValue("limit", limit);
        var changes = new List<ProtocolChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new ProtocolChange(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                MeasurementColumns.Instant(reader.GetInt64(5), reader.GetInt32(6))));
        }

        return changes;
    }

    private static async Task<ProtocolLayerVersion?> ReadCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string scope, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Current, connection, transaction);
        command.Parameters.AddWithValue("scope", scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ProtocolLayerVersion(scope, reader.GetInt32(0), reader.GetString(1), reader.GetString(2), MeasurementColumns.Instant(reader.GetInt64(3), reader.GetInt32(4)));
    }

    private static void AddVersion(NpgsqlCommand command, ProtocolLayerVersion version)
    {
        command.Parameters.AddWithValue("scope", version.Scope);
        command.Parameters.AddWithValue("version", version.Version);
        command.Parameters.AddWithValue("layer", version.LayerJson);
        command.Parameters.AddWithValue("changedBy", version.ChangedBy);
        command.Parameters.AddWithValue("ticks", version.ChangedAt.UtcTicks);
        command.Parameters.AddWithValue("offset", MeasurementColumns.OffsetMinutes(version.ChangedAt));
    }
}
