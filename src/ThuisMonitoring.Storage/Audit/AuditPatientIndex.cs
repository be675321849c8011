using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// Fills the audit trail's index by patient (<c>audit_patient_index</c>, see <see cref="AuditSchema"/>) off the
/// request path. Every <see cref="EmbeddedStoreOptions.AuditPatientIndexInterval"/>, when records have been written
/// since, one pass reads every record above the mark that has a patient, sorted by patient and id, puts the pairs
/// into the index and moves the mark past them: a pass after many list answers writes each patient's leaf page once,
/// where an index on <c>audit_records</c> wrote it once per list, inside the list's commit.
/// <para>
/// The pass writes in short transactions of at most <see cref="PatientsPerTransaction"/> patients (a few MB of log
/// each), with a pause of at least as long between two, and moves the mark in the last one. One transaction for the
/// whole pass rewrote every patient's leaf (~10,000 pages, ~40 MB of log, fsync'd) under the file's write lock for
/// 0.4-1.2 s on a loaded machine, and a list answer's audit commit that came meanwhile waited for all of it. Pairs
/// written above the mark are not read (a query takes the index only up to the mark); a pass cut short is done
/// again from the mark, its pairs already there ignored.
/// </para>
/// <para>
/// The trail's writer stays the only writer of <c>audit_records</c>; this is the only writer of the index and its
/// mark, on its own connection, never inside the writer's group commit. SQLite serialises the two write
/// transactions: each side waits for the other (SQLite's busy handler, then Microsoft.Data.Sqlite's retries, up to
/// the command timeout) rather than failing, and a pass that still fails is logged and tried again at the next tick.
/// A query by patient reads the index up to the mark and scans the records above it, in one statement (one
/// snapshot), so what it answers does not depend on how far the index has come.
/// </para>
/// </summary>
internal sealed class AuditPatientIndex : IAsyncDisposable
{
    /// <summary>
    /// At most this many records per pass (bounds the pass's memory: the pairs are sorted in one read); a trail
    /// further behind (after the host was down with unindexed records, or a long burst) takes several passes back to back.
    /// </summary>
    internal const long MaxRecordsPerPass = 200_000;

    /// <summary>At most this many patients' pairs per write transaction (each patient's leaf page: a few MB of log).</summary>
    internal const int PatientsPerTransaction = 500;

    /// <summary>How long either writer of the file waits for the other's transaction (SQLite's busy handler), in ms.</summary>
    internal const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>
    /// The least pause between two of a pass's transactions: longer than SQLite's busy handler sleeps between two
    /// tries once it has waited ~100 ms (50 ms), so a writer waiting for the lock gets it in the pause.
    /// </summary>
    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(50);

    private const string MarkSql = "SELECT indexed_through, (SELECT coalesce(max(id), 0) FROM audit_records) FROM audit_patient_index_mark;";

    private const string PairsSql = """
        SELECT patient_id, id FROM audit_records
        WHERE id > $after AND id <= $through AND patient_id IS NOT NULL
        ORDER BY patient_id, id;
        """;

    // OR IGNORE: a pass cut short (host stopped) left pairs above the mark; the next pass writes them again.
    private const string InsertSql = "INSERT OR IGNORE INTO audit_patient_index (patient_id, id) VALUES ($patient, $id);";

    private const string MoveMarkSql = "UPDATE audit_patient_index_mark SET indexed_through = $through WHERE indexed_through = $after;";

    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _patientsPerTransaction;
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
    /// <param name="patientsPerTransaction">At most this many patients per write transaction (a test seam).</param>
    public AuditPatientIndex(
        SqliteDatabase database, TimeSpan interval, TimeProvider time, Action logGrew, ILogger logger, int patientsPerTransaction = PatientsPerTransaction)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(patientsPerTransaction, 1);
        _database = database;
        _time = time;
        _patientsPerTransaction = patientsPerTransaction;
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
    internal async Task<long> IndexPassAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        long after;
        long newest;
        using (var command = connection.CreateCommand())
        {
            // A read: an idle trail never takes the write lock.
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

        var started = Stopwatch.GetTimestamp();
        var through = Math.Min(newest, after + MaxRecordsPerPass);
        var pairs = ReadPairs(connection, after, through);
        var transactions = 0;
        var start = 0;
        do
        {
            var end = NextChunkEnd(pairs, start);
            var chunkStarted = _time.GetTimestamp();
            using (var transaction = connection.BeginTransaction())
            {
                Insert(connection, transaction, pairs, start, end);
                if (end == pairs.Count)
                {
                    MoveMark(connection, transaction, after, through);
                }

                transaction.Commit();
            }

            transactions++;
            start = end;
            if (start < pairs.Count)
            {
                // The writer's turn: a list answer's commit waits for one of these transactions at most.
                var held = _time.GetElapsedTime(chunkStarted);
                await Task.Delay(held > MinPause ? held : MinPause, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        while (start < pairs.Count);

        Interlocked.Exchange(ref _indexedThrough, through);
        _logGrew();
        _logger.LogDebug("Audit patient index: records {From} to {Through} ({Pairs} with a patient) indexed in {Transactions} transactions, {ElapsedMs} ms",
            after + 1, through, pairs.Count, transactions, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return through - after;
    }

    /// <summary>The pairs above the mark, by patient and id (ids at or below <paramref name="through"/> no longer change: a read, no lock).</summary>
    private static List<(string PatientId, long Id)> ReadPairs(SqliteConnection connection, long after, long through)
    {
        var pairs = new List<(string, long)>((int)Math.Min(through - after, 65_536));
        using var command = connection.CreateCommand();
        command.CommandText = PairsSql;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$through", through);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return pairs;
    }

    /// <summary>Where the transaction beginning at <paramref name="start"/> ends: after <see cref="_patientsPerTransaction"/> patients.</summary>
    private int NextChunkEnd(List<(string PatientId, long Id)> pairs, int start)
    {
        var patients = 0;
        var end = start;
        while (end < pairs.Count)
        {
            if (end == start || !string.Equals(pairs[end].PatientId, pairs[end - 1].PatientId, StringComparison.Ordinal))
            {
                if (patients == _patientsPerTransaction)
                {
                    break;
                }

                patients++;
            }

            end++;
        }

        return end;
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, List<(string PatientId, long Id)> pairs, int start, int end)
    {
        if (start == end)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var patient = command.Parameters.Add("$patient", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        command.Prepare();
        for (var i = start; i < end; i++)
        {
            patient.Value = pairs[i].PatientId;
            id.Value = pairs[i].Id;
            command.ExecuteNonQuery();
        }
    }

    private static void MoveMark(SqliteConnection connection, SqliteTransaction transaction, long after, long through)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = MoveMarkSql;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$through", through);
        if (command.ExecuteNonQuery() != 1)
        {
            // Only this loop moves the mark; another writer of the index (a second host on the file?) is not supported.
            throw new InvalidOperationException($"The audit patient index mark is no longer {after}: it was moved by someone else.");
        }
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
                        indexed = await IndexPassAsync(connection, _stopping.Token).ConfigureAwait(false);
                    }
                    while (indexed == MaxRecordsPerPass && !_stopping.IsCancellationRequested);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    break;
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
            // A transaction's leaf pages stay in the cache until its commit instead of spilling into the log early.
            SqliteDatabase.Execute(connection, "PRAGMA cache_size = -8192;");
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
