using System.Text.Json;
using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Advice;

/// <summary>
/// What a piece of advice rests on, as the clinician reads it: how many measurements, from when to when (the first
/// and the last), and the range of each value over them (SpO2, respiratory rate, heart rate, prescribed flow), the
/// highest level among them and how many were taken on exertion. The records themselves stay in the measurement
/// store (this range of time); keeping every one in the saved advice grew a 14-day episode's state by up to 512
/// records (issue 14: the saved state is bounded independently of the episode's length).
/// </summary>
/// <remarks>
/// Saved as an object; advice saved before it carried the records as an array, which reads as their summary.
/// </remarks>
[JsonConverter(typeof(AdviceEvidenceJson))]
public sealed record AdviceEvidence(
    int Count,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    ValueRange? Spo2 = null,
    ValueRange? RespiratoryRate = null,
    ValueRange? HeartRate = null,
    ValueRange? OxygenFlow = null,
    Level? HighestLevel = null,
    int OnExertion = 0)
{
    /// <summary>Advice that rests on no measurement (a review day).</summary>
    public static AdviceEvidence None { get; } = new(0);

    /// <summary>The summary of <paramref name="records"/> (in any order).</summary>
    public static AdviceEvidence Of(IReadOnlyList<VitalRecord> records)
    {
        if (records.Count == 0)
        {
            return None;
        }

        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        ValueRange? spo2 = null;
        ValueRange? respiratoryRate = null;
        ValueRange? heartRate = null;
        ValueRange? flow = null;
        Level? highest = null;
        var exertion = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            from = from is null || r.MeasuredAt < from ? r.MeasuredAt : from;
            to = to is null || r.MeasuredAt > to ? r.MeasuredAt : to;
            spo2 = ValueRange.With(spo2, r.Spo2);
            respiratoryRate = ValueRange.With(respiratoryRate, r.RespiratoryRate);
            heartRate = ValueRange.With(heartRate, r.HeartRate);
            flow = ValueRange.With(flow, r.OxygenFlow);
            highest = highest is null || r.Level > highest ? r.Level : highest;
            exertion += r.Exertion ? 1 : 0;
        }

        return new AdviceEvidence(records.Count, from, to, spo2, respiratoryRate, heartRate, flow, highest, exertion);
    }

    /// <summary>Reads both saved forms: the summary object, and the array of records of advice saved before it.</summary>
    private sealed class AdviceEvidenceJson : JsonConverter<AdviceEvidence>
    {
        public override AdviceEvidence? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return Of(JsonSerializer.Deserialize<List<VitalRecord>>(ref reader, options) ?? []);
            }

            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options);
            return shape is null
                ? None
                : new AdviceEvidence(shape.Count, shape.From, shape.To, shape.Spo2, shape.RespiratoryRate, shape.HeartRate,
                    shape.OxygenFlow, shape.HighestLevel, shape.OnExertion);
        }

        public override void Write(Utf8JsonWriter writer, AdviceEvidence value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Shape(value.Count, value.From, value.To, value.Spo2, value.RespiratoryRate,
                value.HeartRate, value.OxygenFlow, value.HighestLevel, value.OnExertion), options);

        // The saved object: the record's own properties (the converter above is not applied to this type).
        private sealed record Shape(
            int Count,
            DateTimeOffset? From,
            DateTimeOffset? To,
            ValueRange? Spo2,
            ValueRange? RespiratoryRate,
            ValueRange? HeartRate,
            ValueRange? OxygenFlow,
            Level? HighestLevel,
            int OnExertion);
    }
}

/// <summary>The lowest and highest of one value over an advice's measurements.</summary>
public sealed record ValueRange(double Lowest, double Highest)
{
    internal static ValueRange? With(ValueRange? range, double? value) => value is not { } v
        ? range
        : range is null ? new ValueRange(v, v)
        : v < range.Lowest ? range with { Lowest = v }
        : v > range.Highest ? range with { Highest = v }
        : range;
}
