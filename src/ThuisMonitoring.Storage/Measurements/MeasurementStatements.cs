using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The measurement writer's session: its connection and prepared statements, created once and re-bound per row. Rows a
/// batch adds are counted here and reported to the store only when the batch is committed.
/// </summary>
internal sealed class MeasurementStatements : IGroupCommitSession
{
    /// <summary>
    /// The writer's page cache, in KiB (SQLite's default is 2,000 KiB). Every row lands on the newest leaf of its
    /// patient's and its device's range in both indexes, so the pages the writer keeps needing are about two leaves
    /// per active device and patient (with their interior pages): 16 MB at 2,000 devices. With the default cache those
    /// leaves were read again from the file for nearly every row; a storage micro-benchmark (900-row commits over 2,000
    /// devices) gave 48.6 → 39 µs of CPU per row. SQLite allocates the cache as pages are used, so a small site pays
    /// for what it touches only.
    /// </summary>
    public const int PageCacheKib = 32 * 1024;

    private readonly Action<long> _added;
    private long _addedInBatch;

    public MeasurementStatements(SqliteConnection connection, Action<long> added)
    {
        Connection = connection;
        SqliteDatabase.Execute(connection, $"PRAGMA cache_size = -{PageCacheKib};");
        _added = added;
        Insert = new MeasurementInsert(connection);
        FlagMove = new MeasurementFlagMove(connection);
    }

    public SqliteConnection Connection { get; }

    public MeasurementInsert Insert { get; }

    public MeasurementFlagMove FlagMove { get; }

    /// <summary>Inserts the measurement; false when it is a duplicate.</summary>
    public bool Append(ThuisMonitoring.Abstractions.Stores.StoredMeasurement measurement, SqliteTransaction transaction)
    {
        var stored = Insert.Execute(measurement, transaction);
        if (stored)
        {
            _addedInBatch++;
        }

        return stored;
    }

    public void Committed()
    {
        _added(_addedInBatch);
        _addedInBatch = 0;
    }

    public void Dispose()
    {
        Insert.Dispose();
        FlagMove.Dispose();
        Connection.Dispose();
    }
}
