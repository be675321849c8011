using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// The writer's connection to its file and whatever it keeps prepared on it. Opened by the writer, and opened afresh
/// after a failed batch (the failed connection's transaction state is unknown).
/// </summary>
internal interface IGroupCommitSession : IDisposable
{
    SqliteConnection Connection { get; }

    /// <summary>Called when a batch's transaction has begun, before its changes are written (the file as others left it).</summary>
    void Began(SqliteTransaction transaction)
    {
    }

    /// <summary>Called after a batch's commit, before its callers are answered (for state that may move only on a commit).</summary>
    void Committed()
    {
    }
}
