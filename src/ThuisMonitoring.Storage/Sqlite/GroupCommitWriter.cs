using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// Group commit on a SQLite file: one writer thread takes every change that has queued (up to a batch), writes them
/// in one transaction and one fsync, and only then answers the callers; a failed commit fails every caller of that
/// batch. Subclasses say how a batch is written and how its callers are answered.
/// </summary>
internal abstract class GroupCommitWriter<TChange> : IDisposable
{
    private const int MaxBatch = 1024;

    private readonly SqliteDatabase _database;
    private readonly Channel<TChange> _queue = Channel.CreateUnbounded<TChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;
    private readonly string _name;

    protected GroupCommitWriter(SqliteDatabase database, string name)
    {
        _database = database;
        _name = name;
        _thread = new Thread(Run) { IsBackground = true, Name = name + " group commit" };
        _thread.Start();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    /// <summary>Queues a change; throws once the writer is disposed.</summary>
    protected void Enqueue(TChange change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(GetType().Name);
        }
    }

    /// <summary>Writes the batch inside the open transaction, recording each change's outcome for <see cref="Committed"/>.</summary>
    protected abstract void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<TChange> batch);

    /// <summary>Answers the callers after the commit.</summary>
    protected abstract void Committed(IReadOnlyList<TChange> batch);

    /// <summary>Fails every caller of a batch that could not be committed.</summary>
    protected abstract void Failed(IReadOnlyList<TChange> batch, Exception exception);

    private void Run()
    {
        var batch = new List<TChange>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                using var connection = _database.Open();
                using var transaction = connection.BeginTransaction();
                Write(connection, transaction, batch);
                transaction.Commit();
            }
            catch (Exception exception)
            {
                Failed(batch, exception);
                continue;
            }

            StoreCommitMetrics.Committed(_name, batch.Count, startedAt);
            Committed(batch);
        }
    }
}
