using Npgsql;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>The columns of a measurement row, selected in <see cref="Select"/> order and read back by <see cref="Read"/>.</summary>
internal static class MeasurementColumns
{
    /// <summary>Columns in <see cref="Select"/>; a column selected after them has this ordinal.</summary>
    public const int Count = 19;

    public const string Select = """
        patient_id, device_id, organisation, source, message_id,
        measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
        spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact, flag
        """;

    public static StoredMeasurement Read(NpgsqlDataReader row)
    {
        var measurement = new Measurement(
            MeasuredAt: Instant(row.GetInt64(5), row.GetInt32(6)),
            Spo2: row.IsDBNull(9) ? null : row.GetInt32(9),
            HeartRate: row.IsDBNull(10) ? null : row.GetInt32(10),
            RespiratoryRate: row.IsDBNull(11) ? null : row.GetInt32(11),
            OxygenFlow: row.IsDBNull(12) ? null : row.GetDouble(12),
            Temperature: row.IsDBNull(13) ? null : row.GetDouble(13),
            PerfusionIndex: row.IsDBNull(14) ? null : row.GetDouble(14),
            Feeling: row.IsDBNull(15) ? null : ParseFeeling(row.GetString(15)),
            Exertion: row.GetBoolean(16),
            MessageId: row.IsDBNull(4) ? null : row.GetString(4));

        return new StoredMeasurement(
            PatientId: row.GetString(0),
            DeviceId: row.GetString(1),
            Organisation: row.IsDBNull(2) ? null : row.GetString(2),
            Source: ParseSource(row.GetString(3)),
            Measurement: measurement,
            ReceivedAt: Instant(row.GetInt64(7), row.GetInt32(8)),
            Artefact: row.GetBoolean(17),
            Flag: row.IsDBNull(18) ? null : row.GetString(18));
    }

    public static int OffsetMinutes(DateTimeOffset instant) => (int)instant.Offset.TotalMinutes;

    public static DateTimeOffset Instant(long utcTicks, int offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    private static Feeling ParseFeeling(string code) =>
        FeelingNames.TryParse(code, out var feeling) ? feeling : throw new InvalidDataException($"Stored feeling '{code}' is unknown.");

    private static DeviceKind ParseSource(string code) =>
        DeviceKindNames.TryParse(code, out var kind) ? kind : throw new InvalidDataException($"Stored source '{code}' is unknown.");
}
