using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// One caller waiting on the measurement writer: an append or a set of flags. The writer runs every queued write in
/// one transaction and answers the callers only after the commit, so the measurements file has a single writer.
/// </summary>
internal abstract class PendingWrite(CancellationToken cancellation)
{
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Writes inside the batch's transaction; the outcome is reported only by <see cref="Committed"/>.</summary>
    public abstract void Write(MeasurementStatements statements, SqliteTransaction transaction);

    /// <summary>Rows this write added to the file (for the store's count).</summary>
    public virtual int AddedRows => 0;

    public abstract void Committed();

    public abstract void Failed(Exception exception);

    public abstract void Cancelled();
}
