using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The measurement writer's session: its connection and prepared statements, created once and re-bound per row, and the
/// numbers of the patient and device ids the indexes are keyed by (<see cref="MeasurementKeys"/>). Rows a batch adds are
/// counted here and reported to the store only when the batch is committed.
/// <para>
/// The numbers stay right because the writer is the only one that adds keys, and a failed batch's session (with every
/// number it added) is discarded by the writer. Others only delete (erasure removes the patient's key with their rows,
/// and the number may then be given again): when <c>PRAGMA data_version</c> says another connection has committed since
/// this one's last batch, the session looks every id up again. It is read inside the batch's transaction, after its
/// write lock is taken, so nothing can commit between the check and the batch's inserts.
/// </para>
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
    private readonly MeasurementInsert _insert;
    private readonly MeasurementKeys _patientKeys, _deviceKeys;
    private readonly SqliteCommand _dataVersion;
    private long _addedInBatch;
    private long _lastDataVersion = -1;

    public MeasurementStatements(SqliteConnection connection, Action<long> added)
    {
        Connection = connection;
        SqliteDatabase.Execute(connection, $"PRAGMA cache_size = -{PageCacheKib};");
        _added = added;
        _insert = new MeasurementInsert(connection);
        FlagMove = new MeasurementFlagMove(connection);
        _patientKeys = new MeasurementKeys(connection, "patient_keys");
        _deviceKeys = new MeasurementKeys(connection, "device_keys");
        _dataVersion = connection.CreateCommand();
        _dataVersion.CommandText = "PRAGMA data_version;";
    }

    public SqliteConnection Connection { get; }

    public MeasurementFlagMove FlagMove { get; }

    /// <summary>Inserts the measurement; false when it is a duplicate.</summary>
    public bool Append(ThuisMonitoring.Abstractions.Stores.StoredMeasurement measurement, SqliteTransaction transaction)
    {
        var patientKey = _patientKeys.KeyOf(measurement.PatientId, transaction);
        var deviceKey = _deviceKeys.KeyOf(measurement.DeviceId, transaction);
        var stored = _insert.Execute(measurement, patientKey, deviceKey, transaction);
        if (stored)
        {
            _addedInBatch++;
        }

        return stored;
    }

    public void Began(SqliteTransaction transaction)
    {
        _dataVersion.Transaction = transaction;
        var version = (long)_dataVersion.ExecuteScalar()!;
        if (version != _lastDataVersion)
        {
            _patientKeys.Forget();
            _deviceKeys.Forget();
            _lastDataVersion = version;
        }
    }

    public void Committed()
    {
        _added(_addedInBatch);
        _addedInBatch = 0;
    }

    public void Dispose()
    {
        _insert.Dispose();
        FlagMove.Dispose();
        _patientKeys.Dispose();
        _deviceKeys.Dispose();
        _dataVersion.Dispose();
        Connection.Dispose();
    }
}
