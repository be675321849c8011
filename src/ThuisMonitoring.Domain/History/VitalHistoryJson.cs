using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// The saved form of a <see cref="VitalHistory"/>, by column (issue 14: a full history of 512 records was 70 KB of
/// the saved state as one object per record, about 8 KB this way): <c>from</c> is the first record's time,
/// <c>seconds</c> each record's distance in seconds from the record before (exact to the tick), <c>offsets</c> the
/// UTC offsets in minutes only where they are not all <c>from</c>'s, then one array per value, <c>levels</c> one digit
/// per record (0 green, 1 orange, 2 red) and <c>exertion</c> the indexes of records taken on exertion. Lossless: the
/// history reads back record for record. Histories saved before it (<c>{"records":[...]}</c>) read as they were.
/// </summary>
internal sealed class VitalHistoryJson : JsonConverter<VitalHistory>
{
    private const decimal TicksPerSecond = TimeSpan.TicksPerSecond;

    public override VitalHistory? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options);
        if (shape is null)
        {
            return null;
        }

        if (shape.Records is { } records)
        {
            return new VitalHistory(records);
        }

        if (shape.From is not { } from || shape.Seconds is not { Length: > 0 } seconds)
        {
            return VitalHistory.Empty;
        }

        var read = new VitalRecord[seconds.Length];
        var utcTicks = from.UtcTicks;
        for (var i = 0; i < seconds.Length; i++)
        {
            utcTicks += (long)(seconds[i] * TicksPerSecond);
            var offset = shape.Offsets is { } offsets ? TimeSpan.FromMinutes(offsets[i]) : from.Offset;
            var at = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
            read[i] = new VitalRecord(
                at, At(shape.Spo2, i), At(shape.RespiratoryRate, i), At(shape.HeartRate, i),
                shape.OxygenFlow is { } flow && i < flow.Length ? flow[i] : 0,
                false,
                shape.Levels is { } levels && i < levels.Length ? (Level)(levels[i] - '0') : Level.Green);
        }

        foreach (var index in shape.Exertion ?? [])
        {
            read[index] = read[index] with { Exertion = true };
        }

        return new VitalHistory(read);
    }

    public override void Write(Utf8JsonWriter writer, VitalHistory value, JsonSerializerOptions options)
    {
        // Read in place (a record of Records is made on every read).
        var count = value.Count;
        var seconds = new decimal[count];
        var spo2 = new int?[count];
        var respiratoryRate = new int?[count];
        var heartRate = new int?[count];
        var flow = new double[count];
        var levels = new StringBuilder(count);
        var exertion = new List<int>();
        var sameOffset = true;
        DateTimeOffset? from = count > 0 ? value.EntryAt(0).MeasuredAt : null;
        var previous = from?.UtcTicks ?? 0;
        for (var i = 0; i < count; i++)
        {
            var r = value.EntryAt(i);
            seconds[i] = (r.MeasuredAt.UtcTicks - previous) / TicksPerSecond;
            previous = r.MeasuredAt.UtcTicks;
            sameOffset &= r.MeasuredAt.Offset == from!.Value.Offset;
            spo2[i] = r.Spo2;
            respiratoryRate[i] = r.RespiratoryRate;
            heartRate[i] = r.HeartRate;
            flow[i] = r.OxygenFlow;
            levels.Append((char)('0' + (int)r.Level));
            if (r.Exertion)
            {
                exertion.Add(i);
            }
        }

        int[]? offsets = null;
        if (!sameOffset)
        {
            offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                offsets[i] = (int)value.EntryAt(i).MeasuredAt.Offset.TotalMinutes;
            }
        }

        JsonSerializer.Serialize(writer, new Shape(
            null, from, seconds, offsets, spo2, respiratoryRate, heartRate, flow, levels.ToString(), [.. exertion]), options);
    }

    private static int? At(int?[]? values, int index) => values is not null && index < values.Length ? values[index] : null;

    // Both saved forms: Records (before issue 14) or the columns.
    private sealed record Shape(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<VitalRecord>? Records,
        DateTimeOffset? From,
        decimal[]? Seconds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Offsets,
        int?[]? Spo2,
        int?[]? RespiratoryRate,
        int?[]? HeartRate,
        double[]? OxygenFlow,
        string? Levels,
        int[]? Exertion);
}
