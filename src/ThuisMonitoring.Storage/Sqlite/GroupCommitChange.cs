using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// One caller waiting on a file's <see cref="GroupCommitWriter{TSession}"/>: written inside the batch's transaction,
/// answered only after the commit (or failed with the whole batch).
/// </summary>
internal abstract class GroupCommitChange<TSession>(CancellationToken cancellation)
{
    /// <summary>A change whose caller has gone away before the writer took it is not written.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Writes inside the batch's transaction; the outcome is reported only by <see cref="Committed"/>.</summary>
    public abstract void Write(TSession session, SqliteTransaction transaction);

    public abstract void Committed();

    public abstract void Failed(Exception cause);

    public abstract void Cancelled();
}

/// <summary>A change whose caller gets a <typeparamref name="TResult"/> once its batch is committed.</summary>
internal abstract class GroupCommitChange<TSession, TResult>(CancellationToken cancellation) : GroupCommitChange<TSession>(cancellation)
{
    // Continuations run on the pool, never inline on the writer, so a slow caller cannot stall the group commit.
    private readonly TaskCompletionSource<TResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult _outcome = default!;

    public Task<TResult> Done => _done.Task;

    /// <summary>The outcome of the write, set inside the transaction and reported after the commit.</summary>
    protected TResult Outcome => _outcome;

    public sealed override void Write(TSession session, SqliteTransaction transaction) => _outcome = Apply(session, transaction);

    /// <summary>Answers the caller with the outcome; a change may refuse instead (a version conflict).</summary>
    public override void Committed() => _done.TrySetResult(_outcome);

    // Each caller gets its own exception object: one shared instance rethrown on many threads garbles its stack trace.
    public sealed override void Failed(Exception cause) => _done.TrySetException(NotWritten(cause));

    public sealed override void Cancelled() => _done.TrySetCanceled(Cancellation);

    protected abstract TResult Apply(TSession session, SqliteTransaction transaction);

    /// <summary>What the caller of a failed batch is told.</summary>
    protected abstract Exception NotWritten(Exception cause);

    protected void Refuse(Exception exception) => _done.TrySetException(exception);
}
