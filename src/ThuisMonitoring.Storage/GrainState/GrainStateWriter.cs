using System.Globalization;
using System.Threading.Channels;
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
internal sealed class GrainStateWriter : IDisposable
{
    private const int MaxBatch = 1024;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly Channel<Change> _queue = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public GrainStateWriter(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _thread = new Thread(Run) { IsBackground = true, Name = "grain-state group commit" };
        _thread.Start();
    }

    /// <summary>Writes the payload (null clears) if the stored version is <paramref name="expected"/> (null: no row yet).</summary>
    public Task<long> ChangeAsync(string stateName, GrainId grainId, long? expected, string? payload)
    {
        var change = new Change(stateName, grainId, expected, payload);
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(GrainStateWriter));
        }

        return change.Done.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Run()
    {
        var batch = new List<Change>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            Commit(batch);
        }
    }

    private void Commit(List<Change> batch)
    {
        var results = new (long? Version, long? Stored)[batch.Count];
        try
        {
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            var updatedAt = _time.GetUtcNow().UtcTicks;
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = Apply(connection, transaction, batch[i], updatedAt);
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            foreach (var change in batch)
            {
                change.Done.TrySetException(new IOException("Grain state could not be written.", exception));
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var change = batch[i];
            if (results[i].Version is { } version)
            {
                change.Done.TrySetResult(version);
            }
            else
            {
                var expected = change.Expected is { } e ? e.ToString(CultureInfo.InvariantCulture) : "none";
                var stored = results[i].Stored is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none";
                change.Done.TrySetException(new InconsistentStateException(
                    $"Version conflict writing {change.StateName} for grain {change.GrainId}: the grain has etag {expected}, the store has {stored}.",
                    stored,
                    expected));
            }
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

    private sealed record Change(string StateName, GrainId GrainId, long? Expected, string? Payload)
    {
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
