using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.TimeSeries;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// Trends straight from the measurements file (<c>TimeSeries:Provider</c> = Embedded). Instants are read back in
/// UTC with millisecond precision, and minutes are epoch-aligned UTC minutes, exactly as InfluxDB answers, so
/// both providers give the same trend.
/// </summary>
internal sealed class SqliteTimeSeriesReader(SqliteMeasurementStore store) : ITimeSeriesReader
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    public async Task<IReadOnlyList<VitalValue>> ReadRawAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxRawSpan);
        var column = ColumnOf(sign);
        await using var connection = await store.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, RawSql(column), patientId, from, to);
        var values = new List<VitalValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(new VitalValue(Utc(reader.GetInt64(0)), reader.GetDouble(1)));
        }

        return values;
    }

    public async Task<IReadOnlyList<VitalAggregate>> ReadPerMinuteAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxAggregateSpan);
        var column = ColumnOf(sign);
        await using var connection = await store.Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, PerMinuteSql(column), patientId, from, to);
        var aggregates = new List<VitalAggregate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            aggregates.Add(new VitalAggregate(
                new DateTimeOffset(reader.GetInt64(0) * TimeSpan.TicksPerMinute, TimeSpan.Zero),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetInt64(4)));
        }

        return aggregates;
    }

    /// <summary>One vital's values of the patient in a time range, by the patient's index (a test checks its plan).</summary>
    internal static string RawSql(string column) => $"""
        SELECT measured_at_ticks, {column} FROM measurements
        WHERE patient_key = {MeasurementSchema.PatientKeyOf} AND measured_at_ticks BETWEEN $from AND $to AND {column} IS NOT NULL
        ORDER BY measured_at_ticks, id;
        """;

    /// <summary>One vital's minutes of the patient in a time range, by the patient's index (a test checks its plan).</summary>
    internal static string PerMinuteSql(string column) => $"""
        SELECT measured_at_ticks / {TimeSpan.TicksPerMinute} AS minute, AVG({column}), MIN({column}), MAX({column}), COUNT({column})
        FROM measurements
        WHERE patient_key = {MeasurementSchema.PatientKeyOf} AND measured_at_ticks BETWEEN $from AND $to AND {column} IS NOT NULL
        GROUP BY minute
        ORDER BY minute;
        """;

    // InfluxDB keeps milliseconds; so does this reader, both in the range and in the instants it returns.
    private static SqliteCommand Command(SqliteConnection connection, string sql, string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$patientId", patientId);
        command.Parameters.AddWithValue("$from", Truncate(from.UtcTicks));
        command.Parameters.AddWithValue("$to", Truncate(to.UtcTicks) + TicksPerMillisecond - 1);
        return command;
    }

    private static long Truncate(long ticks) => ticks - (ticks % TicksPerMillisecond);

    private static DateTimeOffset Utc(long ticks) => new(Truncate(ticks), TimeSpan.Zero);

    // Column names come from this closed list, never from the caller.
    private static string ColumnOf(VitalSign sign) => sign switch
    {
        VitalSign.Spo2 => "spo2",
        VitalSign.HeartRate => "heart_rate",
        VitalSign.RespiratoryRate => "respiratory_rate",
        VitalSign.OxygenFlow => "oxygen_flow",
        VitalSign.Temperature => "temperature",
        VitalSign.PerfusionIndex => "perfusion_index",
        _ => throw new ArgumentOutOfRangeException(nameof(sign), sign, "Unknown vital sign."),
    };
}
