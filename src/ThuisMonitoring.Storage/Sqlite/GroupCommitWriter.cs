using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// The one writer of a SQLite file (group commit): callers queue their change (a bounded queue: when it is full they
/// wait, back-pressure instead of unbounded memory), and one write loop takes whatever has queued, up to a batch,
/// writes it in one transaction on its own connection, commits it (one fsync) and only then answers each caller. A
/// failed batch fails every caller of that batch; the writer opens a fresh connection and goes on. Every change to a
/// file on a hot path goes through its writer, so the file has one writer: no caller waits on SQLite's write lock
/// (or sleeps in its busy handler on a grain thread), and concurrent callers share a commit.
/// <para>
/// The loop runs on the thread pool and awaits the queue, so an idle writer holds no thread. When a batch comes out
/// smaller than the previous one, the callers the previous commit released are re-queuing at that moment: the loop
/// lingers a fraction of a commit (at most <see cref="MaxLinger"/> and <see cref="MaxLingerYields"/> yields) so one
/// fsync carries both groups instead of alternating half-full batches.
/// </para>
/// <para>
/// The log is checkpointed off the writer's path by its <see cref="WalCheckpointer"/>; the writer checkpoints itself
/// only between batches, when the log has outgrown the background checkpoints.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter<TSession> : IAsyncDisposable, IDisposable
    where TSession : class, IGroupCommitSession
{
    private const int MaxLingerYields = 16;
    private static readonly TimeSpan MaxLinger = TimeSpan.FromMilliseconds(2);

    private readonly SqliteDatabase _database;
    private readonly string _name;
    private readonly int _batchSize;
    private readonly Func<SqliteConnection, TSession> _openSession;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<GroupCommitChange<TSession>> _queue;
    private readonly WalCheckpointer _checkpointer;
    private readonly Task _loop;
    private TSession? _session;
    private long _commits;
    private int _disposed;

    /// <param name="database">The file.</param>
    /// <param name="name">The store, as <see cref="StoreCommitMetrics"/> tags its commits.</param>
    /// <param name="options">Batch size and queue capacity.</param>
    /// <param name="openSession">Makes the writer's session on a connection it has opened (prepared statements).</param>
    /// <param name="logger">Failed batches are logged here.</param>
    /// <param name="time">The clock of the lingering and of the checkpoints' interval.</param>
    public GroupCommitWriter(SqliteDatabase database, string name, GroupCommitOptions options, Func<SqliteConnection, TSession> openSession, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        _database = database;
        _name = name;
        _batchSize = options.BatchSize;
        _openSession = openSession;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _checkpointer = new WalCheckpointer(database, name, options, _time, _logger);
        _queue = Channel.CreateBounded<GroupCommitChange<TSession>>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Commits so far (a test seam; <see cref="StoreCommitMetrics"/> reports them in production).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The writer's checkpoints of its log (a test seam).</summary>
    internal WalCheckpointer Checkpointer => _checkpointer;

    /// <summary>Changes queued and not yet taken into a batch (a test seam).</summary>
    public int Waiting => _queue.Reader.Count;

    /// <summary>
    /// Queues the change and returns its answer, given after the commit that carries it. Cancelling before the writer
    /// takes the change leaves it unwritten; cancelling after that only stops the wait (the change is committed).
    /// Throws <see cref="ObjectDisposedException"/> once the writer is disposed.
    /// </summary>
    public Task<TResult> WriteAsync<TResult>(GroupCommitChange<TSession, TResult> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        if (_queue.Writer.TryWrite(change))
        {
            return cancellationToken.CanBeCanceled ? change.Done.WaitAsync(cancellationToken) : change.Done;
        }

        return EnqueueWhenRoomAsync(change, cancellationToken);
    }

    /// <summary>Stops taking changes, writes everything already queued, then closes its connection (not the file).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        CloseSession();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<TResult> EnqueueWhenRoomAsync<TResult>(GroupCommitChange<TSession, TResult> change, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException closed)
        {
            throw new ObjectDisposedException($"The {_name} writer is closed: {closed.Message}", closed.InnerException ?? closed);
        }

        return await (cancellationToken.CanBeCanceled ? change.Done.WaitAsync(cancellationToken) : change.Done).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<GroupCommitChange<TSession>>(Math.Min(_batchSize, 4096));
        try
        {
            var previousBatch = 0;
            var previousCommit = TimeSpan.Zero;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                Take(reader, batch);
                if (batch.Count < previousBatch && batch.Count < _batchSize)
                {
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
                    CatchUpLogIfOutgrown();
                }
            }
        }
        catch (Exception exception)
        {
            // Only a fault of the loop itself lands here (a batch's failure is handled in WriteBatch).
            _logger.LogCritical(exception, "The {Store} writer stopped; nothing more can be written to {Path}", _name, _database.Path);
            _queue.Writer.TryComplete(exception);
            Fail(batch, exception);
            while (reader.TryRead(out var change))
            {
                change.Failed(exception);
            }
        }
    }

    private void WriteBatch(List<GroupCommitChange<TSession>> batch)
    {
        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        TSession session;
        try
        {
            session = _session ??= Open();
            using var transaction = session.Connection.BeginTransaction();
            session.Began(transaction);
            foreach (var change in batch)
            {
                change.Write(session, transaction);
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Writing a batch of {Count} changes to the {Store} failed; none of them is written", batch.Count, _name);
            Fail(batch, exception);
            // The failed connection's transaction state is unknown: the next batch starts on a fresh one.
            CloseSession();
            return;
        }

        Interlocked.Increment(ref _commits);
        StoreCommitMetrics.Committed(_name, batch.Count, startedAt);
        _checkpointer.Committed();
        session.Committed();
        foreach (var change in batch)
        {
            change.Committed();
        }
    }

    private void CatchUpLogIfOutgrown()
    {
        if (_session is not { } session || !_checkpointer.MustCatchUp)
        {
            return;
        }

        try
        {
            _checkpointer.CatchUp(session.Connection);
        }
        catch (SqliteException exception)
        {
            // Nothing committed depends on it: the log stays as it is and the next batch's check tries again.
            _logger.LogWarning(exception, "The {Store} writer's own checkpoint failed", _name);
        }
    }

    private TSession Open()
    {
        var connection = _database.Open();
        try
        {
            WalCheckpointer.TakeOver(connection);
            return _openSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CloseSession()
    {
        var session = _session;
        _session = null;
        if (session is null)
        {
            return;
        }

        try
        {
            // The connection goes back to the pool: whoever opens it next gets SQLite's automatic checkpoint again.
            WalCheckpointer.HandBack(session.Connection);
        }
        catch (Exception exception)
        {
            _logger.LogDebug(exception, "Restoring the {Store} writer connection's checkpoint setting failed", _name);
        }

        try
        {
            session.Dispose();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Closing the {Store} writer's connection failed", _name);
        }
    }

    private void Take(ChannelReader<GroupCommitChange<TSession>> reader, List<GroupCommitChange<TSession>> batch)
    {
        while (batch.Count < _batchSize && reader.TryRead(out var change))
        {
            if (change.Cancellation.IsCancellationRequested)
            {
                // The caller has already been told it was cancelled; it is not written.
                change.Cancelled();
            }
            else
            {
                batch.Add(change);
            }
        }
    }

    private static void Fail(List<GroupCommitChange<TSession>> batch, Exception exception)
    {
        foreach (var change in batch)
        {
            change.Failed(exception);
        }

        batch.Clear();
    }
}
