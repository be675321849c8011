using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// Fills the audit trail's index by patient (<c>audit_patient_index</c>, see <see cref="AuditSchema"/>) off the
/// request path. Every <see cref="EmbeddedStoreOptions.AuditPatientIndexInterval"/>, when records have been written
/// since, one pass takes every record above the mark that has a patient, sorted by patient and id, into the index and
/// moves the mark, in one transaction on its own connection: a pass after many list answers writes each patient's
/// leaf page once, where an index on <c>audit_records</c> wrote it once per list, inside the list's commit.
/// <para>
/// The trail's writer stays the only writer of <c>audit_records</c>; this is the only writer of the index and its
/// mark. SQLite serialises the two write transactions: each side waits for the other (SQLite's busy handler, then
/// Microsoft.Data.Sqlite's retries, up to the command timeout) rather than failing, and a pass that still fails is
/// logged and tried again at the next tick. A query by patient reads the index up to the mark and scans the records
/// above it, in one statement (one snapshot), so what it answers does not depend on how far the index has come.
/// </para>
/// </summary>
internal sealed class AuditPatientIndex : IAsyncDisposable
{
    /// <summary>
    /// At most this many records per pass (bounds the transaction, the sort and the writer's wait); a trail further
    /// behind (after a downtime of the index) takes several passes back to back.
    /// </summary>
    internal const long MaxRecordsPerPass = 500_000;

    /// <summary>How long either writer of the file waits for the other's transaction (SQLite's busy handler), in ms.</summary>
    internal const int BusyTimeoutMilliseconds = 30_000;

    private const string BehindSql = """
        SELECT (SELECT coalesce(max(id), 0) FROM audit_records) - (SELECT indexed_through FROM audit_patient_index_mark);
        """;

    private const string MarkSql = "SELECT indexed_through, (SELECT coalesce(max(id), 0) FROM audit_records) FROM audit_patient_index_mark;";

    private const string IndexSql = """
        INSERT INTO audit_patient_index (patient_id, id)
        SELECT patient_id, id FROM audit_records
        WHERE id > $after AND id <= $through AND patient_id IS NOT NULL
        ORDER BY patient_id, id;
        UPDATE audit_patient_index_mark SET indexed_through = $through;
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly Action _logGrew;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private TaskCompletionSource<long> _nextPass = NewPass();
    private long _indexedThrough;

    /// <param name="database">The audit file, prepared (<see cref="Prepare"/>).</param>
    /// <param name="interval">Time between two passes.</param>
    /// <param name="time">The clock of the passes.</param>
    /// <param name="logGrew">Called after a pass has committed (its pages are in the log: a checkpoint is due).</param>
    /// <param name="logger">Passes and their failures.</param>
    public AuditPatientIndex(SqliteDatabase database, TimeSpan interval, TimeProvider time, Action logGrew, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _database = database;
        _logGrew = logGrew;
        _logger = logger;
        _indexedThrough = ReadMark(database);
        // Created here, not in the loop: a tick of a test clock advanced right after construction is not missed.
        _timer = new PeriodicTimer(interval, time);
        _loop = Task.Run(IndexLoopAsync);
    }

    /// <summary>The mark as last committed by this process: every record with a patient up to it is in the index (a test seam).</summary>
    public long IndexedThrough => Interlocked.Read(ref _indexedThrough);

    /// <summary>Completes with the mark after the next pass has ended, whether it indexed anything or not (a test seam).</summary>
    public Task<long> NextPassAsync() => Volatile.Read(ref _nextPass).Task;

    /// <summary>
    /// Readies the index of a file at open (before its writer starts): a file without a mark (new, or made before the
    /// index was derived) gets its index filled from <c>audit_records</c> and the mark set to its last record, in one
    /// transaction; the old index on <c>audit_records</c> (<see cref="AuditSchema.LegacyPatientIndex"/>) is dropped,
    /// also when an older host has made it again.
    /// </summary>
    public static void Prepare(SqliteDatabase database, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var hasMark = Scalar(connection, transaction, "SELECT count(*) FROM audit_patient_index_mark;") > 0;
        var legacy = Scalar(connection, transaction,
            $"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{AuditSchema.LegacyPatientIndex}';") > 0;
        if (!hasMark)
        {
            var started = Stopwatch.GetTimestamp();
            // With the old index, SQLite reads the pairs from it in order (a covering index): no sort.
            var indexed = Execute(connection, transaction, """
                INSERT INTO audit_patient_index (patient_id, id)
                SELECT patient_id, id FROM audit_records WHERE patient_id IS NOT NULL ORDER BY patient_id, id;
                """);
            Execute(connection, transaction,
                "INSERT INTO audit_patient_index_mark (one, indexed_through) SELECT 1, coalesce(max(id), 0) FROM audit_records;");
            if (indexed > 0)
            {
                logger.LogInformation("Audit patient index of {Path} filled with {Count} records in {ElapsedMs} ms",
                    database.Path, indexed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        if (legacy)
        {
            Execute(connection, transaction, $"DROP INDEX {AuditSchema.LegacyPatientIndex};");
            logger.LogInformation("Audit trail {Path}: the index {Index} on audit_records is dropped (derived as audit_patient_index)",
                database.Path, AuditSchema.LegacyPatientIndex);
        }

        transaction.Commit();
    }

    /// <summary>Lets either writer of the file wait for the other's transaction instead of failing on a busy file.</summary>
    public static void WaitWhenBusy(SqliteConnection connection) =>
        SqliteDatabase.Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");

    /// <summary>
    /// One pass: indexes the records above the mark (at most <see cref="MaxRecordsPerPass"/>) and moves the mark past
    /// them; the number of records the mark moved over (0 when there was nothing new).
    /// </summary>
    internal long IndexPass(SqliteConnection connection)
    {
        // A read first, so an idle trail never takes the write lock.
        if (Scalar(connection, null, BehindSql) <= 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        using var transaction = connection.BeginTransaction();
        long after;
        long newest;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = MarkSql;
            using var reader = command.ExecuteReader();
            reader.Read();
            after = reader.GetInt64(0);
            newest = reader.GetInt64(1);
        }

        if (newest <= after)
        {
            return 0;
        }

        var through = Math.Min(newest, after + MaxRecordsPerPass);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = IndexSql;
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$through", through);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Exchange(ref _indexedThrough, through);
        _logGrew();
        _logger.LogDebug("Audit patient index: records {From} to {Through} indexed in {ElapsedMs} ms",
            after + 1, through, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return through - after;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        _stopping.Dispose();
        Volatile.Read(ref _nextPass).TrySetCanceled();
    }

    private async Task IndexLoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                // A tick can resume this loop on the thread that fired the timer (a test clock's Advance): the pass,
                // which may wait for the write lock, runs on the thread pool instead.
                await Task.Yield();
                try
                {
                    connection ??= Open();
                    long indexed;
                    do
                    {
                        indexed = IndexPass(connection);
                    }
                    while (indexed == MaxRecordsPerPass && !_stopping.IsCancellationRequested);
                }
                catch (Exception exception)
                {
                    // Nothing is lost: the mark has not moved, queries scan the records above it, the next tick retries.
                    _logger.LogWarning(exception, "Indexing the audit trail {Path} by patient failed; retrying in the next pass", _database.Path);
                    connection?.Dispose();
                    connection = null;
                }

                Interlocked.Exchange(ref _nextPass, NewPass()).TrySetResult(IndexedThrough);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The loop never throws out; a host without it still answers every query (scanning more).
            _logger.LogError(exception, "The audit patient index of {Path} stopped", _database.Path);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = _database.Open();
        try
        {
            WaitWhenBusy(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static long ReadMark(SqliteDatabase database)
    {
        using var connection = database.Open();
        return Scalar(connection, null, "SELECT indexed_through FROM audit_patient_index_mark;");
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static TaskCompletionSource<long> NewPass() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
