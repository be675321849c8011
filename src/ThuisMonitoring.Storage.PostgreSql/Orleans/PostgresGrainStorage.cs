using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace ThuisMonitoring.Storage.PostgreSql.Orleans;

/// <summary>
/// Orleans grain storage on PostgreSQL: the state as JSON in the embedded stores' one shape (<see cref="StoredJson"/>),
/// the row version as etag (a stale etag raises <see cref="InconsistentStateException"/>), so a grain that moves to
/// another silo reads exactly what the last one wrote.
/// </summary>
internal sealed class PostgresGrainStorage(string name, PostgresDatabase database, TimeProvider time, ILogger<PostgresGrainStorage> logger) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT version, payload FROM grain_state WHERE state_name = @state AND grain_id = @grain", connection);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(1))
        {
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), StoredJson.Options)
            ?? throw new JsonException($"Stored state {stateName} of grain {grainId} is null.");
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = await ChangeAsync(stateName, grainId, grainState.ETag, JsonSerializer.Serialize(grainState.State, StoredJson.Options));
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null)
        {
            grainState.RecordExists = false;
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM grain_state WHERE state_name = @state AND grain_id = @grain", connection);
            exists.Parameters.AddWithValue("state", stateName);
            exists.Parameters.AddWithValue("grain", grainId.ToString());
            if (await exists.ExecuteScalarAsync() is null)
            {
                return;
            }
        }

        var version = await ChangeAsync(stateName, grainId, grainState.ETag, payload: null);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
    }

    /// <summary>Writes the payload (null clears) if the stored version is the one the grain read; returns the new version.</summary>
    private async Task<long> ChangeAsync(string stateName, GrainId grainId, string? etag, string? payload)
    {
        long? expected = null;
        if (etag is not null)
        {
            if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new InconsistentStateException($"Etag '{etag}' of {stateName} for grain {grainId} was not issued by this storage.", etag, "unknown");
            }

            expected = parsed;
        }

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            expected is null
                ? """
                  INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at)
                  VALUES (@state, @grain, @type, 1, @payload, @at)
                  ON CONFLICT DO NOTHING
                  RETURNING version
                  """
                : """
                  UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @at
                  WHERE state_name = @state AND grain_id = @grain AND version = @expected
                  RETURNING version
                  """,
            connection);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        command.Parameters.AddWithValue("type", grainId.Type.ToString()!);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = (object?)payload ?? DBNull.Value });
        command.Parameters.AddWithValue("at", time.GetUtcNow().UtcDateTime);
        if (expected is { } e)
        {
            command.Parameters.AddWithValue("expected", e);
        }

        if (await command.ExecuteScalarAsync() is long version)
        {
            return version;
        }

        await using var lookup = new NpgsqlCommand("SELECT version FROM grain_state WHERE state_name = @state AND grain_id = @grain", connection);
        lookup.Parameters.AddWithValue("state", stateName);
        lookup.Parameters.AddWithValue("grain", grainId.ToString());
        var stored = await lookup.ExecuteScalarAsync() is long s ? s.ToString(CultureInfo.InvariantCulture) : "none";
        logger.LogWarning(
            "Grain storage {StorageName}: write of {StateName} for grain {GrainId} refused, etag {ETag} but stored {StoredETag}",
            name, stateName, grainId, etag ?? "none", stored);
        throw new InconsistentStateException(
            $"Version conflict writing {stateName} for grain {grainId}: the grain has etag {etag ?? "none"}, the store has {stored}.",
            stored,
            etag ?? "none");
    }
}
