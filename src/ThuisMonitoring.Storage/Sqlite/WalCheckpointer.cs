using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// Copies a file's write-ahead log back into the file off the writer's path. SQLite's own automatic checkpoint runs
/// inside the commit that passes 1,000 log pages, on the committing connection: under load that is every group
/// commit, so the one writer spent part of every batch copying pages instead of writing the next one. The writer
/// turns it off on its connection (<c>PRAGMA wal_autocheckpoint = 0</c>) and calls <see cref="Committed"/> after each
/// commit; this runs a PASSIVE checkpoint (it never waits for or blocks the writer or a reader) on its own
/// connection, at most once per <see cref="GroupCommitOptions.CheckpointInterval"/>.
/// <para>
/// A passive checkpoint copies the frames committed when it starts; a writer that never pauses keeps appending
/// behind it, so the log is never wholly copied when the writer begins a transaction, SQLite never starts it over and
/// it would grow without bound. When the log passes <see cref="GroupCommitOptions.CatchUpLogFrames"/>, <see cref="MustCatchUp"/>
/// tells the writer to checkpoint itself between two batches (<see cref="CatchUp"/>): nothing is appended meanwhile,
/// so the whole log is copied and the next commit starts it over. The log then stays near that size.
/// </para>
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly string _name;
    private readonly TimeSpan _interval;
    private readonly long _catchUpFrames;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly Lock _oneAtATime = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _logFrames;
    private long _copiedFrames;
    private long _checkpoints;
    private long _catchUps;

    public WalCheckpointer(SqliteDatabase database, string name, GroupCommitOptions options, TimeProvider time, ILogger logger)
    {
        _database = database;
        _name = name;
        _interval = options.CheckpointInterval;
        _catchUpFrames = options.CatchUpLogFrames;
        _time = time;
        _logger = logger;
        _loop = Task.Run(CheckpointLoopAsync);
    }

    /// <summary>Background checkpoints tried so far (a test seam).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Checkpoints the writer ran itself because the log had outgrown the background ones (a test seam).</summary>
    public long CatchUps => Interlocked.Read(ref _catchUps);

    /// <summary>
    /// The log was past its bound when a background checkpoint last looked: it has not started over since (a passive
    /// checkpoint copies everything committed when it starts, but the writer had appended more by the time it ended).
    /// </summary>
    public bool MustCatchUp => Interlocked.Read(ref _logFrames) > _catchUpFrames;

    /// <summary>Turns SQLite's automatic checkpoint off on the writer's connection.</summary>
    public static void TakeOver(SqliteConnection writer) => SqliteDatabase.Execute(writer, "PRAGMA wal_autocheckpoint = 0;");

    /// <summary>Gives a pooled connection its default back (1,000 pages) before the writer lets it go.</summary>
    public static void HandBack(SqliteConnection writer) => SqliteDatabase.Execute(writer, "PRAGMA wal_autocheckpoint = 1000;");

    /// <summary>A commit has appended to the log: a checkpoint is due (coalesced; never waits).</summary>
    public void Committed() => _signal.Writer.TryWrite(true);

    /// <summary>Checkpoints on the writer's own connection, between batches.</summary>
    public void CatchUp(SqliteConnection writer)
    {
        Checkpoint(writer);
        if (Interlocked.Read(ref _copiedFrames) == Interlocked.Read(ref _logFrames))
        {
            // Wholly copied: the writer's next commit starts the log over. The next background checkpoint tells
            // whether it did (a reader's snapshot can keep it from doing so); until then there is nothing to catch up.
            Interlocked.Exchange(ref _logFrames, 0);
        }

        Interlocked.Increment(ref _catchUps);
    }

    public async ValueTask DisposeAsync()
    {
        _signal.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task CheckpointLoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (await _signal.Reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                _signal.Reader.TryRead(out _);
                try
                {
                    connection ??= _database.Open();
                    Checkpoint(connection);
                }
                catch (SqliteException exception)
                {
                    // A checkpoint that fails leaves the log as it is (nothing committed is lost); the next one retries.
                    _logger.LogWarning(exception, "Checkpointing the {Store} log failed", _name);
                    connection?.Dispose();
                    connection = null;
                }

                // Counted once the pause is set, so a test clock advanced after seeing the count ends that pause.
                var pause = Task.Delay(_interval, _time, _stopping.Token);
                Interlocked.Increment(ref _checkpoints);
                await pause.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void Checkpoint(SqliteConnection connection)
    {
        // One checkpoint at a time: a second one would only find SQLite's checkpoint lock taken and copy nothing, and
        // the writer's catch-up must not be that one.
        lock (_oneAtATime)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            // busy, frames in the log, frames of it copied into the file (-1 when it could not run).
            if (reader.Read() && reader.GetInt64(0) == 0 && reader.GetInt64(1) >= 0)
            {
                Interlocked.Exchange(ref _logFrames, reader.GetInt64(1));
                Interlocked.Exchange(ref _copiedFrames, reader.GetInt64(2));
            }
        }
    }
}
