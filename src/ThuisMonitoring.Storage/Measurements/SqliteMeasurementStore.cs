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
    /// <summary>The patient's measurements in a time range, by the patient's index (a test checks its plan).</summary>
    internal const string ListSql = $"""
        SELECT {MeasurementSchema.SelectColumns} FROM measurements
        WHERE patient_key = {MeasurementSchema.PatientKeyOf} AND measured_at_ticks BETWEEN $from AND $to
        ORDER BY measured_at_ticks, id
        LIMIT $limit;
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteMeasurementStore> _logger;
    private readonly GroupCommitWriter<MeasurementStatements> _writer;
    private long _count;
    private int _disposed;

    public SqliteMeasurementStore(EmbeddedStoreOptions options, ILogger<SqliteMeasurementStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MeasurementQueueCapacity, 1);
        _logger = logger;
        _database = new SqliteDatabase(options.PathOf(EmbeddedStoreOptions.MeasurementsFileName));
        var keyed = MeasurementSchemaMigration.Ensure(_database);
        if (keyed > 0)
        {
            _logger.LogInformation("Measurement store {Path}: {Rows} rows given patient and device keys (indexes keyed by number)", _database.Path, keyed);
        }

        _count = CountRows(_database);
        _writer = new GroupCommitWriter<MeasurementStatements>(
            _database,
            "measurements",
            new GroupCommitOptions(options.MeasurementBatchSize, options.MeasurementQueueCapacity),
            connection => new MeasurementStatements(connection, rows => Interlocked.Add(ref _count, rows)),
            logger);
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

        return _writer.WriteAsync(new PendingAppend(measurement, cancellationToken), cancellationToken);
    }

    /// <summary>Flags the device's stored measurements in the writer's next commit.</summary>
    public Task FlagAsync(string patientId, string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
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

        return _writer.WriteAsync(new PendingFlags(patientId, deviceId, flags, cancellationToken), cancellationToken);
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
        command.CommandText = ListSql;
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

        await _writer.DisposeAsync().ConfigureAwait(false);
        _database.Dispose();
        _logger.LogInformation("Measurement store {Path} closed with {Count} measurements", _database.Path, Interlocked.Read(ref _count));
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static long CountRows(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM measurements;";
        return (long)command.ExecuteScalar()!;
    }
}
