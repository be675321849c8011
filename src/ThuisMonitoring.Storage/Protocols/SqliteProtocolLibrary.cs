using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Protocols;

/// <summary>
/// The versioned, audited protocol layers in the directory file. Validation is the caller's job (it needs the basis
/// layers); this store only guarantees that versions per scope count up without gaps and every save is in the log.
/// </summary>
internal sealed class SqliteProtocolLibrary : IProtocolLibrary
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteProtocolLibrary> _logger;

    public SqliteProtocolLibrary(SqliteDatabase database, TimeProvider time, ILogger<SqliteProtocolLibrary> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _database.EnsureSchema(ProtocolLibrarySchema.Sql);
    }

    public async Task<ProtocolLayerVersion?> GetLayerAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCurrentAsync(connection, null, scope, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProtocolLayerVersion> SaveLayerAsync(string scope, string layerJson, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(layerJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var changedAt = _time.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Non-deferred (BEGIN IMMEDIATE): two admins saving the same scope at once get versions n+1 and n+2, never both n+1.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadCurrentAsync(connection, transaction, scope, cancellationToken).ConfigureAwait(false);
        var saved = new ProtocolLayerVersion(scope, (current?.Version ?? 0) + 1, layerJson, changedBy, changedAt);

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO protocol_layers (scope, version, layer_json, changed_by, changed_at_ticks, changed_at_offset)
                VALUES ($scope, $version, $layer, $changedBy, $ticks, $offset)
                ON CONFLICT (scope) DO UPDATE SET
                    version = excluded.version,
                    layer_json = excluded.layer_json,
                    changed_by = excluded.changed_by,
                    changed_at_ticks = excluded.changed_at_ticks,
                    changed_at_offset = excluded.changed_at_offset;
                """;
            AddVersion(upsert, saved);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var log = connection.CreateCommand())
        {
            log.Transaction = transaction;
            log.CommandText = """
                INSERT INTO protocol_changes (scope, version, old_layer_json, new_layer_json, changed_by, changed_at_ticks, changed_at_offset)
                VALUES ($scope, $version, $old, $layer, $changedBy, $ticks, $offset);
                """;
            AddVersion(log, saved);
            log.Parameters.AddWithValue("$old", SqliteValues.OrNull(current?.LayerJson));
            await log.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Protocol layer {Scope} saved as version {Version} by {ChangedBy}", scope, saved.Version, changedBy);
        return saved;
    }

    public async Task<IReadOnlyList<ProtocolChange>> ChangesAsync(string? scope, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        const string columns = "SELECT scope, version, old_layer_json, new_layer_json, changed_by, changed_at_ticks, changed_at_offset FROM protocol_changes";
        if (scope is null)
        {
            command.CommandText = columns + " ORDER BY changed_at_ticks DESC, scope, version DESC LIMIT $limit;";
        }
        else
        {
            command.CommandText = columns + " WHERE scope = $scope ORDER BY version DESC LIMIT $limit;";
            command.Parameters.AddWithValue("$scope", scope);
        }

        command.Parameters.AddWithValue("$limit", limit);
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
                SqliteValues.Instant(reader.GetInt64(5), reader.GetInt64(6))));
        }

        return changes;
    }

    private static async Task<ProtocolLayerVersion?> ReadCurrentAsync(SqliteConnection connection, SqliteTransaction? transaction, string scope, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, layer_json, changed_by, changed_at_ticks, changed_at_offset FROM protocol_layers WHERE scope = $scope;";
        command.Parameters.AddWithValue("$scope", scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ProtocolLayerVersion(
            scope,
            reader.GetInt32(0),
            reader.GetString(1),
            reader.GetString(2),
            SqliteValues.Instant(reader.GetInt64(3), reader.GetInt64(4)));
    }

    private static void AddVersion(SqliteCommand command, ProtocolLayerVersion version)
    {
        command.Parameters.AddWithValue("$scope", version.Scope);
        command.Parameters.AddWithValue("$version", version.Version);
        command.Parameters.AddWithValue("$layer", version.LayerJson);
        command.Parameters.AddWithValue("$changedBy", version.ChangedBy);
        command.Parameters.AddWithValue("$ticks", SqliteValues.Ticks(version.ChangedAt));
        command.Parameters.AddWithValue("$offset", SqliteValues.OffsetMinutes(version.ChangedAt));
    }
}
