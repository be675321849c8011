using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// Accepted measurements in their own SQLite file, appended by group commit: callers queue their measurement and
/// one writer writes whatever has queued in one transaction, commits it (fsync'd) and only then tells each caller
/// whether it was stored or a duplicate. Throughput comes from sharing one fsync among many appends. Flags
/// (<see cref="IMeasurementFlags"/>) go through the same writer and the same transactions: the file has one writer, so a
/// flag never waits on SQLite's write lock (or blocks a grain thread in its busy handler).
/// </summary>
internal sealed class SqliteMeasurementStore : IMeasurementStore, IMeasurementJournal, IMeasurementFlags, IAsyncDisposable, IDisposable
{
    private const int MaxLingerYields = 16;
    private static readonly TimeSpan MaxLinger = TimeSpan.FromMilliseconds(2);

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteMeasurementStore> _logger;
    private readonly int _batchSize;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _writer;
    private MeasurementStatements _statements;
    private long _count;
    private int _disposed;

    public SqliteMeasurementStore(EmbeddedStoreOptions options, ILogger<SqliteMeasurementStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementQueueCapacity, 1);
        _logger = logger;
        _batchSize = options.MeasurementBatchSize;
        _database = new SqliteDatabase(options.PathOf(EmbeddedStoreOptions.MeasurementsFileName));
        _database.EnsureSchema(MeasurementSchema.Sql);
        AddFlagColumnIfMissing(_database);
        _statements = MeasurementStatements.Open(_database);
        _count = CountRows(_statements.Connection);
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.MeasurementQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
        _logger.LogInformation("Measurement store {Path} opened with {Count} measurements", _database.Path, _count);
    }

    public Task<bool> AppendAsync(StoredMeasurement measurement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(measurement.Measurement);
        ArgumentNullException.ThrowIfNull(measurement.PatientId);
        ArgumentNullException.ThrowIfNull(measurement.DeviceId);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        var pending = new PendingAppend(measurement, cancellationToken);
        return _queue.Writer.TryWrite(pending)
            ? Completion(pending.Completion.Task, cancellationToken)
            : EnqueueWhenRoomAsync(pending, pending.Completion.Task, cancellationToken);
    }

    /// <summary>Flags the device's stored measurements in the writer's next commit.</summary>
    public Task FlagAsync(string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var pending = new PendingFlags(deviceId, flags, cancellationToken);
        return _queue.Writer.TryWrite(pending)
            ? Completion(pending.Completion.Task, cancellationToken)
            : EnqueueWhenRoomAsync(pending, pending.Completion.Task, cancellationToken);
    }

    /// <summary>Measurements of the patient with measuredAt in [from, to], oldest first.</summary>
    public async Task<IReadOnlyList<StoredMeasurement>> ListAsync(string patientId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (limit <= 0 || from > to)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {MeasurementSchema.SelectColumns} FROM measurements
            WHERE patient_id = $patientId AND measured_at_ticks BETWEEN $from AND $to
            ORDER BY measured_at_ticks, id
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$patientId", patientId);
        command.Parameters.AddWithValue("$from", SqliteValues.Ticks(from));
        command.Parameters.AddWithValue("$to", SqliteValues.Ticks(to));
        command.Parameters.AddWithValue("$limit", limit);
        var measurements = new List<StoredMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            measurements.Add(MeasurementReader.Read(reader));
        }

        return measurements;
    }

    /// <summary>
    /// Rows after <paramref name="sequence"/> in rowid order. The rowid only grows: the writer is the only writer,
    /// commits are applied in order and rows are never deleted, so a reader never sees a later row before an earlier one.
    /// </summary>
    public async Task<IReadOnlyList<SequencedMeasurement>> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {MeasurementSchema.SelectColumns}, id FROM measurements
            WHERE id > $sequence
            ORDER BY id
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$limit", limit);
        var measurements = new List<SequencedMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            measurements.Add(new SequencedMeasurement(reader.GetInt64(MeasurementSchema.SelectColumnCount), MeasurementReader.Read(reader)));
        }

        return measurements;
    }

    public async Task<long> CountAfterAsync(long sequence, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM measurements WHERE id > $sequence;";
        command.Parameters.AddWithValue("$sequence", sequence);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The measurements file, for readers beside the store (trends).</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Rows deleted beside the writer (erasure, retention): the count follows.</summary>
    internal void Removed(long rows) => Interlocked.Add(ref _count, -rows);

    /// <summary>Stored measurements; kept in memory (this writer is the only inserter), counted from the file at open.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<long>(cancellationToken)
            : Task.FromResult(Interlocked.Read(ref _count));
    }

    /// <summary>Stops taking appends, writes everything already queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _statements.Dispose();
        _database.Dispose();
        _logger.LogInformation("Measurement store {Path} closed with {Count} measurements", _database.Path, Interlocked.Read(ref _count));
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static Task<bool> Completion(Task<bool> completion, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? completion.WaitAsync(cancellationToken) : completion;

    private static Task Completion(Task completion, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? completion.WaitAsync(cancellationToken) : completion;

    private async Task<bool> EnqueueWhenRoomAsync(PendingWrite pending, Task<bool> completion, CancellationToken cancellationToken)
    {
        await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
        return await Completion(completion, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnqueueWhenRoomAsync(PendingWrite pending, Task completion, CancellationToken cancellationToken)
    {
        await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
        await Completion(completion, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnqueueAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException($"The measurement store is closed: {closed.Message}", closed.InnerException ?? closed);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(Math.Min(_batchSize, 4096));
        try
        {
            var previousBatch = 0;
            var previousCommit = TimeSpan.Zero;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                Take(reader, batch);
                if (batch.Count < previousBatch && batch.Count < _batchSize)
                {
                    // The callers the previous commit released are re-queuing at this very moment. Waiting a fraction of
                    // a commit for them lets one fsync carry both groups instead of alternating half-full batches.
                    // Bounded in yields as well as time, so a cohort that is not coming back costs little CPU.
                    var linger = _time.GetTimestamp();
                    var limit = TimeSpan.FromTicks(Math.Min(previousCommit.Ticks / 2, MaxLinger.Ticks));
                    for (var yields = 0; yields < MaxLingerYields && batch.Count < previousBatch && batch.Count < _batchSize && _time.GetElapsedTime(linger) < limit; yields++)
                    {
                        await Task.Yield();
                        Take(reader, batch);
                    }
                }

                if (batch.Count > 0)
                {
                    var started = _time.GetTimestamp();
                    previousBatch = batch.Count;
                    WriteBatch(batch);
                    previousCommit = _time.GetElapsedTime(started);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            _logger.LogCritical(exception, "The measurement writer stopped; no more measurements can be stored");
            _queue.Writer.TryComplete(exception);
            Fail(batch, exception);
            while (reader.TryRead(out var pending))
            {
                pending.Failed(NotStored(exception));
            }
        }
    }

    private void WriteBatch(List<PendingWrite> batch)
    {
        var stored = 0;
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using (var transaction = _statements.Connection.BeginTransaction())
            {
                foreach (var pending in batch)
                {
                    pending.Write(_statements, transaction);
                    stored += pending.AddedRows;
                }

                transaction.Commit();
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Writing a batch of {Count} measurements failed; none of them is stored", batch.Count);
            Fail(batch, exception);
            ReopenWriter();
            return;
        }

        Interlocked.Add(ref _count, stored);
        StoreCommitMetrics.Committed("measurements", batch.Count, startedAt);
        foreach (var pending in batch)
        {
            pending.Committed();
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("Committed {Stored} of {Count} measurements", stored, batch.Count);
        }
    }

    private void Take(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        while (batch.Count < _batchSize && reader.TryRead(out var pending))
        {
            if (pending.Cancellation.IsCancellationRequested)
            {
                // The caller has already been told it was cancelled; it is not written.
                pending.Cancelled();
            }
            else
            {
                batch.Add(pending);
            }
        }
    }

    private static void Fail(List<PendingWrite> batch, Exception exception)
    {
        foreach (var pending in batch)
        {
            pending.Failed(NotStored(exception));
        }

        batch.Clear();
    }

    // Each caller gets its own exception object: one shared instance rethrown on many threads garbles its stack trace.
    private static IOException NotStored(Exception cause) => new($"The measurement was not stored: {cause.Message}", cause);

    // After a failed commit the connection's transaction state is unknown; a fresh connection starts clean.
    private void ReopenWriter()
    {
        try
        {
            _statements.Dispose();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Closing the failed measurement writer connection failed");
        }

        _statements = MeasurementStatements.Open(_database);
    }

    private static void AddFlagColumnIfMissing(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('measurements') WHERE name = $name;";
        command.Parameters.AddWithValue("$name", MeasurementSchema.FlagColumn);
        if ((long)command.ExecuteScalar()! == 0)
        {
            SqliteDatabase.Execute(connection, MeasurementSchema.AddFlagColumn);
        }
    }

    private static long CountRows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM measurements;";
        return (long)command.ExecuteScalar()!;
    }
}
