using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The measurement writer's session: its connection and prepared statements, created once and re-bound per row. Rows a
/// batch adds are counted here and reported to the store only when the batch is committed.
/// </summary>
internal sealed class MeasurementStatements : IGroupCommitSession
{
    private readonly Action<long> _added;
    private long _addedInBatch;

    public MeasurementStatements(SqliteConnection connection, Action<long> added)
    {
        Connection = connection;
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
