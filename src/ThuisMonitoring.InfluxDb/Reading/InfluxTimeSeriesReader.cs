using System.Text.Json;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Reading;

/// <summary>
/// Trends through InfluxQL on <c>/query</c>, from the raw series (its retention, 90 days by default, covers the
/// 14 days of aggregates, and unlike the continuous query it includes points that arrived late).
/// </summary>
public sealed class InfluxTimeSeriesReader(InfluxDbClient client, InfluxDbOptions options) : ITimeSeriesReader
{
    public async Task<IReadOnlyList<VitalValue>> ReadRawAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxRawSpan);
        var field = InfluxQl.Identifier(FieldOf(sign));
        var rows = await SelectAsync($"SELECT {field} FROM {Source()} WHERE {Where(patientId, from, to)}", cancellationToken).ConfigureAwait(false);
        return rows.Select(row => new VitalValue(Instant(row[0]), row[1].GetDouble())).ToList();
    }

    public async Task<IReadOnlyList<VitalAggregate>> ReadPerMinuteAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        ITimeSeriesReader.EnsureRange(from, to, ITimeSeriesReader.MaxAggregateSpan);
        var field = InfluxQl.Identifier(FieldOf(sign));
        var rows = await SelectAsync(
            $"SELECT mean({field}), min({field}), max({field}), count({field}) FROM {Source()} WHERE {Where(patientId, from, to)} GROUP BY time(1m) fill(none)",
            cancellationToken).ConfigureAwait(false);
        return rows.Select(row => new VitalAggregate(Instant(row[0]), row[1].GetDouble(), row[2].GetDouble(), row[3].GetDouble(), row[4].GetInt64())).ToList();
    }

    private async Task<IReadOnlyList<JsonElement[]>> SelectAsync(string query, CancellationToken cancellationToken)
    {
        var results = await client.QueryAsync(query, changesSchema: false, cancellationToken).ConfigureAwait(false);
        return results.SelectMany(statement => statement).SelectMany(series => series.Values).ToList();
    }

    private string Source() => InfluxQl.Qualified(options.Database, options.RetentionPolicy, VitalsSchema.Measurement);

    private static string Where(string patientId, DateTimeOffset from, DateTimeOffset to) =>
        $"{InfluxQl.Identifier(VitalsSchema.PatientTag)} = {InfluxQl.Literal(patientId)} AND time >= {InfluxQl.Time(from)} AND time <= {InfluxQl.Time(to)}";

    private static DateTimeOffset Instant(JsonElement epochMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds.GetInt64());

    private static string FieldOf(VitalSign sign) => sign switch
    {
        VitalSign.Spo2 => VitalsSchema.Spo2,
        VitalSign.HeartRate => VitalsSchema.HeartRate,
        VitalSign.RespiratoryRate => VitalsSchema.RespiratoryRate,
        VitalSign.OxygenFlow => VitalsSchema.OxygenFlow,
        VitalSign.Temperature => VitalsSchema.Temperature,
        VitalSign.PerfusionIndex => VitalsSchema.PerfusionIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(sign), sign, "Unknown vital sign."),
    };
}
