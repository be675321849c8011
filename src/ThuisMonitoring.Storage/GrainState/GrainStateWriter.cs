using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.GrainState;

/// <summary>
/// Group commit for grain state: one writer thread takes every change that has queued, applies them in one
/// transaction and one fsync, then answers each grain (new version, or a version conflict). Thousands of patient
/// grains saving their episodes then cost a few commits a second instead of an fsync each on the thread pool.
/// </summary>
internal sealed class GrainStateWriter(SqliteDatabase database, TimeProvider time)
    : GroupCommitWriter<GrainStateWriter.Change>(database, "grain state")
{
    /// <summary>Writes the payload (null clears) if the stored version is <paramref name="expected"/> (null: no row yet).</summary>
    public Task<long> ChangeAsync(string stateName, GrainId grainId, long? expected, string? payload)
    {
        var change = new Change(stateName, grainId, expected, payload);
        Enqueue(change);
        return change.Done.Task;
    }

    protected override void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Change> batch)
    {
        var updatedAt = time.GetUtcNow().UtcTicks;
        foreach (var change in batch)
        {
            change.Outcome = Apply(connection, transaction, change, updatedAt);
        }
    }

    protected override void Committed(IReadOnlyList<Change> batch)
    {
        foreach (var change in batch)
        {
            if (change.Outcome.Version is { } version)
            {
                change.Done.TrySetResult(version);
                continue;
            }

            var expected = change.Expected is { } e ? e.ToString(CultureInfo.InvariantCulture) : "none";
            var stored = change.Outcome.Stored is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none";
            change.Done.TrySetException(new InconsistentStateException(
                $"Version conflict writing {change.StateName} for grain {change.GrainId}: the grain has etag {expected}, the store has {stored}.",
                stored,
                expected));
        }
    }

    protected override void Failed(IReadOnlyList<Change> batch, Exception exception)
    {
        foreach (var change in batch)
        {
            change.Done.TrySetException(new IOException("Grain state could not be written.", exception));
        }
    }

    private static (long? Version, long? Stored) Apply(SqliteConnection connection, SqliteTransaction transaction, Change change, long updatedAt)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$stateName", change.StateName);
        command.Parameters.AddWithValue("$grainId", change.GrainId.ToString());
        command.Parameters.AddWithValue("$payload", SqliteValues.OrNull(change.Payload));
        command.Parameters.AddWithValue("$updatedAt", updatedAt);
        if (change.Expected is null)
        {
            command.CommandText = """
                INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at_ticks)
                VALUES ($stateName, $grainId, $grainType, 1, $payload, $updatedAt)
                ON CONFLICT DO NOTHING
                RETURNING version;
                """;
            command.Parameters.AddWithValue("$grainType", change.GrainId.Type.ToString());
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET version = version + 1, payload = $payload, updated_at_ticks = $updatedAt
                WHERE state_name = $stateName AND grain_id = $grainId AND version = $expected
                RETURNING version;
                """;
            command.Parameters.AddWithValue("$expected", change.Expected.Value);
        }

        if (command.ExecuteScalar() is long version)
        {
            return (version, null);
        }

        using var lookup = connection.CreateCommand();
        lookup.Transaction = transaction;
        lookup.CommandText = "SELECT version FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId;";
        lookup.Parameters.AddWithValue("$stateName", change.StateName);
        lookup.Parameters.AddWithValue("$grainId", change.GrainId.ToString());
        return (null, lookup.ExecuteScalar() as long?);
    }

    internal sealed record Change(string StateName, GrainId GrainId, long? Expected, string? Payload)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public (long? Version, long? Stored) Outcome { get; set; }
    }
}
