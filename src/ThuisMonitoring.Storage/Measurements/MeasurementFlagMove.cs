using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// Flags a stored measurement: the flagged row moves to the end of the journal (it takes a new, highest rowid), so a
/// journal reader that already passed it reads it again and the InfluxDB forwarder rewrites the same point (same series
/// and time) with <c>artefact=true</c>. Rows already carrying the flag are left alone. The row is found by the patient's
/// index (patient key, time); there is no index by device and time (each index costs the writer a scattered page per row). A prepared statement, run by the
/// measurement writer inside its batch (the file has one writer).
/// </summary>
internal sealed class MeasurementFlagMove : IDisposable
{
    /// <summary>The move, by the patient's index (a test checks its plan).</summary>
    internal const string Move = $"""
        UPDATE measurements
        SET id = (SELECT MAX(id) FROM measurements) + 1, artefact = $artefact, flag = $flag
        WHERE id = (
            SELECT id FROM measurements
            WHERE patient_key = {MeasurementSchema.PatientKeyOf} AND measured_at_ticks = $measuredAt AND device_id = $deviceId AND (artefact <> $artefact OR flag IS NOT $flag)
            ORDER BY id LIMIT 1);
        """;

    private readonly SqliteCommand _command;
    private readonly SqliteParameter _patientId, _deviceId, _measuredAt, _artefact, _flag;

    public MeasurementFlagMove(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = Move;
        _patientId = _command.Parameters.Add("$patientId", SqliteType.Text);
        _deviceId = _command.Parameters.Add("$deviceId", SqliteType.Text);
        _measuredAt = _command.Parameters.Add("$measuredAt", SqliteType.Integer);
        _artefact = _command.Parameters.Add("$artefact", SqliteType.Integer);
        _flag = _command.Parameters.Add("$flag", SqliteType.Text);
        _command.Prepare();
    }

    public void Execute(string patientId, string deviceId, MeasurementFlag flag, SqliteTransaction transaction)
    {
        _patientId.Value = patientId;
        _deviceId.Value = deviceId;
        _measuredAt.Value = SqliteValues.Ticks(flag.MeasuredAt);
        _artefact.Value = flag.Artefact ? 1 : 0;
        _flag.Value = flag.Flag;
        _command.Transaction = transaction;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
