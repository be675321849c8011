using Npgsql;
using ThuisMonitoring.Abstractions.TimeSeries;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// Trends from the cluster's measurements table (<c>TimeSeries:Provider</c> = Embedded in cluster mode): UTC instants
/// at millisecond precision and epoch-aligned UTC minutes, as the embedded reader and InfluxDB answer.
/// </summary>
internal sealed class PostgresTimeSeriesReader(PostgresDatabase database) : ITimeSeriesReader
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    public async Task<IReadOnlyList<VitalValue>> ReadRawAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxRawSpan);
        var column = ColumnOf(sign);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"""
            SELECT measured_at_ticks, {column}::double precision FROM measurements
            WHERE patient_id = @patient AND measured_at_ticks BETWEEN @from AND @to AND {column} IS NOT NULL
            ORDER BY measured_at_ticks, sequence
            """, patientId, from, to);
        var values = new List<VitalValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(new VitalValue(new DateTimeOffset(Truncate(reader.GetInt64(0)), TimeSpan.Zero), reader.GetDouble(1)));
        }

        return values;
    }

    public async Task<IReadOnlyList<VitalAggregate>> ReadPerMinuteAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxAggregateSpan);
        var column = ColumnOf(sign);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"""
            SELECT measured_at_ticks / {TimeSpan.TicksPerMinute} AS minute,
                AVG({column})::double precision, MIN({column})::double precision, MAX({column})::double precision, COUNT({column})
            FROM measurements
            WHERE patient_id = @patient AND measured_at_ticks BETWEEN @from AND @to AND {column} IS NOT NULL
            GROUP BY minute
            ORDER BY minute
            """, patientId, from, to);
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

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("patient", patientId);
        command.Parameters.AddWithValue("from", Truncate(from.UtcTicks));
        command.Parameters.AddWithValue("to", Truncate(to.UtcTicks) + TicksPerMillisecond - 1);
        return command;
    }

    private static long Truncate(long ticks) => ticks - (ticks % TicksPerMillisecond);

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
