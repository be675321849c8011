using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// The cluster's measurements in PostgreSQL, appended by group commit: callers queue their measurement, one writer per
/// host writes whatever has queued as one multi-row insert in one transaction, commits it (WAL flushed) and only then
/// tells each caller whether it was stored or a duplicate of one stored before, by any host.
/// <para>
/// The journal (<see cref="IMeasurementJournal"/>): every commit takes one advisory lock of the cluster
/// (<see cref="MeasurementBatchInsert.JournalLock"/>) before it draws its first sequence and holds it until it has
/// committed. Sequences therefore become visible in the order they were drawn: a reader that has seen sequence n never
/// later meets a row below n (a row of a transaction still in flight elsewhere always gets a higher number). The price is
/// that the hosts' commits take turns; each is a whole batch, so the cluster still shares one WAL flush among many
/// measurements. (The alternative, reading only below the oldest transaction in flight, needs no lock but a second
/// query per read and a horizon that stalls behind any long transaction.)
/// </para>
/// </summary>
internal sealed class PostgresMeasurementStore : IMeasurementStore, IMeasurementJournal, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly ILogger<PostgresMeasurementStore> _logger;
    private readonly int _batchSize;
    private readonly Channel<Pending> _queue;
    private readonly Task _writer;
    private int _disposed;

    public PostgresMeasurementStore(PostgresDatabase database, PostgresStoreOptions options, ILogger<PostgresMeasurementStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementQueueCapacity, 1);
        _database = database;
        _logger = logger;
        _batchSize = options.MeasurementBatchSize;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MeasurementQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
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

        var pending = new Pending(measurement, cancellationToken);
        return _queue.Writer.TryWrite(pending)
            ? Completion(pending, cancellationToken)
            : EnqueueWhenRoomAsync(pending, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMeasurement>> ListAsync(string patientId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (limit <= 0 || from > to)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT {MeasurementColumns.Select} FROM measurements
            WHERE patient_id = @patient AND measured_at_ticks BETWEEN @from AND @to
            ORDER BY measured_at_ticks, sequence
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("patient", patientId);
        command.Parameters.AddWithValue("from", from.UtcTicks);
        command.Parameters.AddWithValue("to", to.UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        var measurements = new List<StoredMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            measurements.Add(MeasurementColumns.Read(reader));
        }

        return measurements;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM measurements", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Rows after <paramref name="sequence"/> in sequence order (safe to resume from: see the class summary).</summary>
    public async Task<IReadOnlyList<SequencedMeasurement>> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT {MeasurementColumns.Select}, sequence FROM measurements
            WHERE sequence > @sequence
            ORDER BY sequence
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("sequence", sequence);
        command.Parameters.AddWithValue("limit", limit);
        var measurements = new List<SequencedMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            measurements.Add(new SequencedMeasurement(reader.GetInt64(MeasurementColumns.Count), MeasurementColumns.Read(reader)));
        }

        return measurements;
    }

    public async Task<long> CountAfterAsync(long sequence, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM measurements WHERE sequence > @sequence", connection);
        command.Parameters.AddWithValue("sequence", sequence);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Stops taking appends and writes everything already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private static Task<bool> Completion(Pending pending, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? pending.Completion.Task.WaitAsync(cancellationToken) : pending.Completion.Task;

    private async Task<bool> EnqueueWhenRoomAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException($"The measurement store is closed: {closed.Message}", closed.InnerException ?? closed);
        }

        return await Completion(pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(Math.Min(_batchSize, 4096));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _batchSize && reader.TryRead(out var pending))
            {
                if (pending.Cancellation.IsCancellationRequested)
                {
                    // The caller has already been told it was cancelled; it is not written.
                    pending.Completion.TrySetCanceled(pending.Cancellation);
                }
                else
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        bool[] stored;
        try
        {
            await _database.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            stored = await MeasurementBatchInsert.WriteAsync(connection, batch.ConvertAll(p => p.Measurement), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Also when the commit's outcome is unknown (connection lost during COMMIT): the caller does not acknowledge,
            // the device sends again, and the unique index makes a committed first attempt a duplicate, not a second row.
            _logger.LogError(exception, "Writing a batch of {Count} measurements failed; none of them is acknowledged", batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(new IOException($"The measurement was not stored: {exception.Message}", exception));
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(stored[i]);
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("Committed {Stored} of {Count} measurements", stored.Count(s => s), batch.Count);
        }
    }

    private sealed class Pending(StoredMeasurement measurement, CancellationToken cancellation)
    {
        public StoredMeasurement Measurement { get; } = measurement;

        public CancellationToken Cancellation { get; } = cancellation;

        // Continuations run on the pool, never inline on the writer, so a slow caller cannot stall the group commit.
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
