using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>Turns a row selected with <see cref="MeasurementSchema.SelectColumns"/> back into a <see cref="StoredMeasurement"/>.</summary>
internal static class MeasurementReader
{
    public static StoredMeasurement Read(SqliteDataReader row)
    {
        var measurement = new Measurement(
            MeasuredAt: SqliteValues.Instant(row.GetInt64(5), row.GetInt64(6)),
            Spo2: row.IsDBNull(9) ? null : row.GetInt32(9),
            HeartRate: row.IsDBNull(10) ? null : row.GetInt32(10),
            RespiratoryRate: row.IsDBNull(11) ? null : row.GetInt32(11),
            OxygenFlow: row.IsDBNull(12) ? null : row.GetDouble(12),
            Temperature: row.IsDBNull(13) ? null : row.GetDouble(13),
            PerfusionIndex: row.IsDBNull(14) ? null : row.GetDouble(14),
            Feeling: row.IsDBNull(15) ? null : ParseFeeling(row.GetString(15)),
            Exertion: row.GetInt64(16) != 0,
            MessageId: row.IsDBNull(4) ? null : row.GetString(4));

        return new StoredMeasurement(
            PatientId: row.GetString(0),
            DeviceId: row.GetString(1),
            Organisation: row.IsDBNull(2) ? null : row.GetString(2),
            Source: ParseSource(row.GetString(3)),
            Measurement: measurement,
            ReceivedAt: SqliteValues.Instant(row.GetInt64(7), row.GetInt64(8)),
            Artefact: row.GetInt64(17) != 0,
            Flag: row.IsDBNull(18) ? null : row.GetString(18));
    }

    private static Feeling ParseFeeling(string code) =>
        FeelingNames.TryParse(code, out var feeling) ? feeling : throw new InvalidDataException($"Stored feeling '{code}' is unknown.");

    private static DeviceKind ParseSource(string code) =>
        DeviceKindNames.TryParse(code, out var kind) ? kind : throw new InvalidDataException($"Stored source '{code}' is unknown.");
}
