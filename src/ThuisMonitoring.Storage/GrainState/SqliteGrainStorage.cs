using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.GrainState;

/// <summary>
/// Orleans grain storage on a SQLite file: state as JSON (<see cref="StoredJson"/>), the row version as etag for
/// optimistic concurrency (a stale etag raises <see cref="InconsistentStateException"/>). Writes are group-committed
/// by <see cref="GrainStateWriter"/>.
/// </summary>
internal sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly GrainStateWriter _writer;

    public SqliteGrainStorage(string name, string path, TimeProvider time, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _time = time;
        _logger = logger;
        _database = new SqliteDatabase(path);
        _database.EnsureSchema(GrainStateSchema.Sql);
        _writer = new GrainStateWriter(_database, time, logger);
        _logger.LogInformation("Grain storage {StorageName} on {Path}", name, _database.Path);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>
    /// Fills the state from the file. With no stored state (or a cleared one) the grain keeps the fresh state Orleans
    /// created, <see cref="IGrainState{T}.RecordExists"/> is false.
    /// </summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId;";
        command.Parameters.AddWithValue("$stateName", stateName);
        command.Parameters.AddWithValue("$grainId", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = ToETag(reader.GetInt64(0));
        if (reader.IsDBNull(1))
        {
            grainState.RecordExists = false;
            return;
        }

        grainState.State = StoredJson.Deserialize<T>(reader.GetString(1));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = StoredJson.Serialize(grainState.State);
        var version = await ChangeAsync(stateName, grainId, grainState.ETag, payload, cancellationToken).ConfigureAwait(false);
        grainState.ETag = ToETag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (grainState.ETag is null && await StoredVersionAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is null)
        {
            grainState.RecordExists = false;
            return;
        }

        var version = await ChangeAsync(stateName, grainId, grainState.ETag, payload: null, cancellationToken).ConfigureAwait(false);
        grainState.ETag = ToETag(version);
        grainState.RecordExists = false;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    /// <summary>Writes the payload (null clears) if the stored version is the one the grain read; returns the new version.</summary>
    private async Task<long> ChangeAsync(string stateName, GrainId grainId, string? etag, string? payload, CancellationToken cancellationToken)
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

        try
        {
            return await _writer.ChangeAsync(stateName, grainId, expected, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException exception)
        {
            _logger.LogWarning(
                "Grain storage {StorageName}: write of {StateName} for grain {GrainId} refused, etag {ETag} but stored {StoredETag}",
                _name, stateName, grainId, etag ?? "none", exception.StoredEtag);
            throw;
        }
    }

    private async Task<long?> StoredVersionAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId;";
        command.Parameters.AddWithValue("$stateName", stateName);
        command.Parameters.AddWithValue("$grainId", grainId.ToString());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
