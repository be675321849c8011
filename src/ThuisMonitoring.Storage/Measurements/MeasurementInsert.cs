using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// A prepared insert whose parameters are created once and re-bound per row: the writer's hot path allocates no
/// commands or parameter objects.
/// </summary>
internal sealed class MeasurementInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _patientId, _deviceId, _organisation, _source, _messageId;
    private readonly SqliteParameter _measuredAt, _measuredOffset, _receivedAt, _receivedOffset;
    private readonly SqliteParameter _spo2, _heartRate, _respiratoryRate, _oxygenFlow, _temperature, _perfusionIndex, _feeling, _exertion, _artefact;
    private readonly SqliteParameter _patientKey, _deviceKey;

    public MeasurementInsert(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = MeasurementSchema.Insert;
        _patientId = Add("$patientId", SqliteType.Text);
        _deviceId = Add("$deviceId", SqliteType.Text);
        _organisation = Add("$organisation", SqliteType.Text);
        _source = Add("$source", SqliteType.Text);
        _messageId = Add("$messageId", SqliteType.Text);
        _measuredAt = Add("$measuredAt", SqliteType.Integer);
        _measuredOffset = Add("$measuredOffset", SqliteType.Integer);
        _receivedAt = Add("$receivedAt", SqliteType.Integer);
        _receivedOffset = Add("$receivedOffset", SqliteType.Integer);
        _spo2 = Add("$spo2", SqliteType.Integer);
        _heartRate = Add("$heartRate", SqliteType.Integer);
        _respiratoryRate = Add("$respiratoryRate", SqliteType.Integer);
        _oxygenFlow = Add("$oxygenFlow", SqliteType.Real);
        _temperature = Add("$temperature", SqliteType.Real);
        _perfusionIndex = Add("$perfusionIndex", SqliteType.Real);
        _feeling = Add("$feeling", SqliteType.Text);
        _exertion = Add("$exertion", SqliteType.Integer);
        _artefact = Add("$artefact", SqliteType.Integer);
        _patientKey = Add("$patientKey", SqliteType.Integer);
        _deviceKey = Add("$deviceKey", SqliteType.Integer);
        _command.Prepare();
    }

    /// <summary>Inserts the row, with its patient's and device's keys, in <paramref name="transaction"/>; false when it is a duplicate.</summary>
    public bool Execute(StoredMeasurement stored, long patientKey, long deviceKey, SqliteTransaction transaction)
    {
        var m = stored.Measurement;
        _patientId.Value = stored.PatientId;
        _deviceId.Value = stored.DeviceId;
        _organisation.Value = SqliteValues.OrNull(stored.Organisation);
        _source.Value = stored.Source.ToCode();
        _messageId.Value = SqliteValues.OrNull(m.MessageId);
        _measuredAt.Value = SqliteValues.Ticks(m.MeasuredAt);
        _measuredOffset.Value = SqliteValues.OffsetMinutes(m.MeasuredAt);
        _receivedAt.Value = SqliteValues.Ticks(stored.ReceivedAt);
        _receivedOffset.Value = SqliteValues.OffsetMinutes(stored.ReceivedAt);
        _spo2.Value = SqliteValues.OrNull(m.Spo2);
        _heartRate.Value = SqliteValues.OrNull(m.HeartRate);
        _respiratoryRate.Value = SqliteValues.OrNull(m.RespiratoryRate);
        _oxygenFlow.Value = SqliteValues.OrNull(m.OxygenFlow);
        _temperature.Value = SqliteValues.OrNull(m.Temperature);
        _perfusionIndex.Value = SqliteValues.OrNull(m.PerfusionIndex);
        _feeling.Value = m.Feeling is { } feeling ? feeling.ToCode() : DBNull.Value;
        _exertion.Value = m.Exertion ? 1 : 0;
        _artefact.Value = stored.Artefact ? 1 : 0;
        _patientKey.Value = patientKey;
        _deviceKey.Value = deviceKey;
        _command.Transaction = transaction;
        return _command.ExecuteNonQuery() == 1;
    }

    public void Dispose() => _command.Dispose();

    private SqliteParameter Add(string name, SqliteType type) => _command.Parameters.Add(name, type);
}
