using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>The measurement writer's connection and its prepared statements, created once and re-bound per row.</summary>
internal sealed class MeasurementStatements : IDisposable
{
    private MeasurementStatements(SqliteConnection connection)
    {
        Connection = connection;
        Insert = new MeasurementInsert(connection);
        FlagMove = new MeasurementFlagMove(connection);
    }

    public SqliteConnection Connection { get; }

    public MeasurementInsert Insert { get; }

    public MeasurementFlagMove FlagMove { get; }

    public static MeasurementStatements Open(Sqlite.SqliteDatabase database)
    {
        var connection = database.Open();
        try
        {
            return new MeasurementStatements(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Insert.Dispose();
        FlagMove.Dispose();
        Connection.Dispose();
    }
}
