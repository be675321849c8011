using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// The saved form of a stream's sample window (<see cref="ContinuousState.Recent"/>, the filter's
/// <see cref="ArtefactFilterState.Held"/> and <see cref="ArtefactFilterState.Recent"/>), by column like
/// <see cref="History.VitalHistoryJson"/> (issue 14: 305 samples were 36 KB of the saved state as one object each):
/// <c>from</c> is the first sample's time, <c>seconds</c> each sample's distance in seconds from the one before
/// (exact to the tick), <c>offsets</c> the UTC offsets in minutes only where they are not all <c>from</c>'s, one array
/// per value (left out when the value is missing in every sample) and <c>sensorOff</c> the indexes of samples taken
/// while the sensor was off (left out when there are none). An empty window is <c>[]</c>. Lossless: the window reads
/// back sample for sample. Windows saved before it (an array of samples, one object each) read as they were.
/// </summary>
internal sealed class ContinuousSamplesJson : JsonConverter<IReadOnlyList<ContinuousSample>>
{
    private const decimal TicksPerSecond = TimeSpan.TicksPerSecond;

    public override IReadOnlyList<ContinuousSample>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            // The form before issue 14 (and an empty window): one object per sample.
            return JsonSerializer.Deserialize<ContinuousSample[]>(ref reader, options);
        }

        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options);
        if (shape is not { From: { } from, Seconds: { Length: > 0 } seconds })
        {
            return [];
        }

        var read = new ContinuousSample[seconds.Length];
        var utcTicks = from.UtcTicks;
        for (var i = 0; i < seconds.Length; i++)
        {
            utcTicks += (long)(seconds[i] * TicksPerSecond);
            var offset = shape.Offsets is { } offsets ? TimeSpan.FromMinutes(offsets[i]) : from.Offset;
            read[i] = new ContinuousSample(
                new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset),
                At(shape.Spo2, i), At(shape.HeartRate, i), At(shape.RespiratoryRate, i),
                shape.PerfusionIndex is { } perfusion && i < perfusion.Length ? perfusion[i] : null);
        }

        foreach (var index in shape.SensorOff ?? [])
        {
            read[index] = read[index] with { SensorOn = false };
        }

        return read;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ContinuousSample> value, JsonSerializerOptions options)
    {
        var count = value.Count;
        if (count == 0)
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
            return;
        }

        var from = value[0].At;
        var seconds = new decimal[count];
        var spo2 = new int?[count];
        var heartRate = new int?[count];
        var respiratoryRate = new int?[count];
        var perfusionIndex = new double?[count];
        List<int>? sensorOff = null;
        bool sameOffset = true, anySpo2 = false, anyHeartRate = false, anyRespiratoryRate = false, anyPerfusionIndex = false;
        var previous = from.UtcTicks;
        for (var i = 0; i < count; i++)
        {
            var s = value[i];
            seconds[i] = (s.At.UtcTicks - previous) / TicksPerSecond;
            previous = s.At.UtcTicks;
            sameOffset &= s.At.Offset == from.Offset;
            spo2[i] = s.Spo2;
            heartRate[i] = s.HeartRate;
            respiratoryRate[i] = s.RespiratoryRate;
            perfusionIndex[i] = s.PerfusionIndex;
            anySpo2 |= s.Spo2 is not null;
            anyHeartRate |= s.HeartRate is not null;
            anyRespiratoryRate |= s.RespiratoryRate is not null;
            anyPerfusionIndex |= s.PerfusionIndex is not null;
            if (!s.SensorOn)
            {
                (sensorOff ??= []).Add(i);
            }
        }

        int[]? offsets = null;
        if (!sameOffset)
        {
            offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                offsets[i] = (int)value[i].At.Offset.TotalMinutes;
            }
        }

        JsonSerializer.Serialize(writer, new Shape(
            from, seconds, offsets,
            anySpo2 ? spo2 : null, anyHeartRate ? heartRate : null, anyRespiratoryRate ? respiratoryRate : null,
            anyPerfusionIndex ? perfusionIndex : null, sensorOff?.ToArray()), options);
    }

    private static int? At(int?[]? values, int index) => values is not null && index < values.Length ? values[index] : null;

    private sealed record Shape(
        DateTimeOffset? From,
        decimal[]? Seconds,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? Offsets,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int?[]? Spo2,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int?[]? HeartRate,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int?[]? RespiratoryRate,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double?[]? PerfusionIndex,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? SensorOff);
}
