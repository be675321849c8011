using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Reads the payload of <c>thuismonitoring/v1/devices/{deviceId}/measurements</c> (contract section 2):
/// one measurement object, or an array of 1 to 600 of them.
/// </summary>
/// <remarks>
/// <para>A payload that breaks any rule is rejected whole: one bad item rejects the whole batch, and
/// <see cref="PayloadResult{T}.Errors"/> lists every problem found (up to
/// <see cref="PayloadLimits.MaxReportedErrors"/>). The parser never throws on payload content.</para>
/// <para>Choices where the contract is silent:</para>
/// <list type="bullet">
/// <item>An explicit <c>null</c> for a known field is an error, not "absent": leave the field out instead.</item>
/// <item>A known field that appears twice in one object is an error; so is any repeated key of the measurement
/// object itself. Keys inside ignored (unknown) values are not checked.</item>
/// <item>Field names are case-sensitive (<c>SpO2</c> is an unknown field and ignored).</item>
/// <item>Integer fields accept integral numbers written as <c>95.0</c> (JSON Schema "integer"), not <c>95.5</c>.</item>
/// <item><c>exertion</c> and <c>messageId</c> do not count as content: a message needs a vital sign or <c>feeling</c>.</item>
/// <item>The time window is inclusive: exactly 5 minutes ahead or exactly 7 days old is accepted.</item>
/// <item>A UTF-8 byte order mark in front of the JSON is tolerated; comments and trailing commas are not.</item>
/// </list>
/// </remarks>
public static class MeasurementPayloadParser
{
    private const string TimestampExample = "e.g. 2025-01-31T08:15:00+01:00";

    // How the ranges of MeasurementRanges read in an error (CONTRACT.md): "0 to 15 (L/min)", "30.0 to 45.0 (degrees Celsius)", "0 to 20 (%)".
    private static readonly string OxygenFlowRange = Shown(MeasurementRanges.OxygenFlow, "0", "L/min");
    private static readonly string TemperatureRange = Shown(MeasurementRanges.Temperature, "0.0", "degrees Celsius");
    private static readonly string PerfusionIndexRange = Shown(MeasurementRanges.PerfusionIndex, "0", "%");

    private static readonly JsonPayload.SpanParser<IReadOnlyList<Measurement>, DateTimeOffset> SpanParse =
        static (payload, now) => Parse(payload, now);

    /// <summary>Parses an MQTT payload as received by MQTTnet, judging <c>measuredAt</c> against <paramref name="now"/>.</summary>
    public static PayloadResult<IReadOnlyList<Measurement>> Parse(in ReadOnlySequence<byte> payload, DateTimeOffset now) =>
        JsonPayload.ParseSequence(payload, now, SpanParse);

    /// <summary>Parses an MQTT payload as received by MQTTnet, judging <c>measuredAt</c> against <paramref name="time"/>.</summary>
    public static PayloadResult<IReadOnlyList<Measurement>> Parse(in ReadOnlySequence<byte> payload, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Parse(payload, time.GetUtcNow());
    }

    /// <summary>Parses a payload held in memory (also takes a <c>byte[]</c>), judging <c>measuredAt</c> against <paramref name="time"/>.</summary>
    public static PayloadResult<IReadOnlyList<Measurement>> Parse(ReadOnlySpan<byte> payload, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Parse(payload, time.GetUtcNow());
    }

    /// <summary>Parses a payload held in memory (also takes a <c>byte[]</c>), judging <c>measuredAt</c> against <paramref name="now"/>.</summary>
    public static PayloadResult<IReadOnlyList<Measurement>> Parse(ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        if (JsonPayload.Check(payload, out var json) is { } problem)
        {
            return PayloadResult<IReadOnlyList<Measurement>>.Rejected([problem], messageId: null);
        }

        var errors = default(PayloadErrorList);
        string? messageId = null;
        IReadOnlyList<Measurement>? measurements = null;
        var reader = JsonPayload.CreateReader(json);
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var measurement = ReadMeasurement(ref reader, ref errors, -1, now, ref messageId);
                    measurements = measurement is null ? null : [measurement];
                    break;
                case JsonTokenType.StartArray:
                    measurements = ReadBatch(ref reader, ref errors, now, ref messageId);
                    break;
                default:
                    errors.AddFatal(FieldPath.Payload, string.Create(
                        CultureInfo.InvariantCulture,
                        $"The payload must be a measurement object or an array of at most {PayloadLimits.MaxBatchSize} of them; got {JsonPayload.Describe(ref reader)}."));
                    break;
            }

            JsonPayload.ExpectEnd(ref reader, ref errors);
        }
        catch (JsonException exception)
        {
            errors.AddFatal(FieldPath.Payload, JsonPayload.InvalidJsonMessage(exception));
        }

        return errors.Count == 0 && measurements is not null
            ? PayloadResult<IReadOnlyList<Measurement>>.Accepted(measurements, messageId)
            : PayloadResult<IReadOnlyList<Measurement>>.Rejected(errors.ToList(), messageId);
    }

    private static List<Measurement>? ReadBatch(
        ref Utf8JsonReader reader, ref PayloadErrorList errors, DateTimeOffset now, ref string? messageId)
    {
        var measurements = new List<Measurement>();
        var index = 0;
        while (!errors.IsFatal && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index == PayloadLimits.MaxBatchSize)
            {
                errors.AddFatal(FieldPath.Payload, string.Create(
                    CultureInfo.InvariantCulture,
                    $"A batch holds at most {PayloadLimits.MaxBatchSize} measurements; this one has more. Send the rest in another message."));
                return null;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (ReadMeasurement(ref reader, ref errors, index, now, ref messageId) is { } measurement)
                {
                    measurements.Add(measurement);
                }
            }
            else
            {
                JsonFieldReader.Reject(ref reader, ref errors, new FieldPath(index, string.Empty),
                    $"Each item of a batch must be a measurement object; got {JsonPayload.Describe(ref reader)}.");
            }

            index++;
        }

        if (index == 0 && !errors.IsFatal)
        {
            errors.Add(FieldPath.Payload, "The batch is empty; send at least one measurement.");
        }

        return errors.Count == 0 ? measurements : null;
    }

    /// <summary>Reads one measurement object (the reader is on its start); null when it broke a rule.</summary>
    private static Measurement? ReadMeasurement(
        ref Utf8JsonReader reader, ref PayloadErrorList errors, int index, DateTimeOffset now, ref string? messageId)
    {
        var item = new FieldPath(index, string.Empty);
        var errorsBefore = errors.Count;
        var seen = MeasurementField.None;
        HashSet<string>? otherKeys = null;
        DateTimeOffset? measuredAt = null;
        int? spo2 = null, heartRate = null, respiratoryRate = null;
        double? oxygenFlow = null, temperature = null, perfusionIndex = null;
        Feeling? feeling = null;
        var exertion = false;
        string? itemMessageId = null;

        while (!errors.IsFatal && reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = Identify(ref reader);
            bool duplicate;
            FieldPath path;
            if (field == MeasurementField.None)
            {
                duplicate = JsonPayload.IsRepeatedOtherKey(ref reader, ref otherKeys, item, out path);
            }
            else
            {
                path = item.Field(NameOf(field));
                duplicate = (seen & field) != 0;
                seen |= field;
            }

            reader.Read();
            if (duplicate)
            {
                JsonFieldReader.Reject(ref reader, ref errors, path, "This field appears more than once in the object; send it once.");
                continue;
            }

            switch (field)
            {
                case MeasurementField.MeasuredAt:
                    measuredAt = ReadMeasuredAt(ref reader, ref errors, path, now);
                    break;
                case MeasurementField.MessageId:
                    itemMessageId = ReadMessageId(ref reader, ref errors, path);
                    messageId ??= itemMessageId;
                    break;
                case MeasurementField.Spo2:
                    spo2 = JsonFieldReader.TryReadWholeNumber(ref reader, ref errors, path, MeasurementRanges.Spo2.Min, MeasurementRanges.Spo2.Max, out var s) ? s : null;
                    break;
                case MeasurementField.HeartRate:
                    heartRate = JsonFieldReader.TryReadWholeNumber(ref reader, ref errors, path, MeasurementRanges.HeartRate.Min, MeasurementRanges.HeartRate.Max, out var h) ? h : null;
                    break;
                case MeasurementField.RespiratoryRate:
                    respiratoryRate = JsonFieldReader.TryReadWholeNumber(ref reader, ref errors, path, MeasurementRanges.RespiratoryRate.Min, MeasurementRanges.RespiratoryRate.Max, out var r) ? r : null;
                    break;
                case MeasurementField.OxygenFlow:
                    oxygenFlow = JsonFieldReader.TryReadNumber(ref reader, ref errors, path, MeasurementRanges.OxygenFlow.Min, MeasurementRanges.OxygenFlow.Max, OxygenFlowRange, out var o) ? o : null;
                    break;
                case MeasurementField.Temperature:
                    temperature = JsonFieldReader.TryReadNumber(ref reader, ref errors, path, MeasurementRanges.Temperature.Min, MeasurementRanges.Temperature.Max, TemperatureRange, out var t) ? t : null;
                    break;
                case MeasurementField.PerfusionIndex:
                    perfusionIndex = JsonFieldReader.TryReadNumber(ref reader, ref errors, path, MeasurementRanges.PerfusionIndex.Min, MeasurementRanges.PerfusionIndex.Max, PerfusionIndexRange, out var p) ? p : null;
                    break;
                case MeasurementField.Feeling:
                    feeling = ReadFeeling(ref reader, ref errors, path);
                    break;
                case MeasurementField.Exertion:
                    JsonFieldReader.TryReadBoolean(ref reader, ref errors, path, out exertion);
                    break;
                default:
                    JsonPayload.TrySkipValue(ref reader, ref errors, path);
                    break;
            }
        }

        if (errors.IsFatal)
        {
            return null;
        }

        if ((seen & MeasurementField.MeasuredAt) == 0)
        {
            errors.Add(item.Field("measuredAt"), $"Required: when the measurement was taken, as an RFC 3339 timestamp with offset ({TimestampExample}).");
        }

        if ((seen & MeasurementField.Content) == 0)
        {
            errors.Add(item, "A measurement needs at least one of spo2, heartRate, respiratoryRate, oxygenFlow, temperature, perfusionIndex or feeling.");
        }

        if (errors.Count > errorsBefore || measuredAt is null)
        {
            return null;
        }

        return new Measurement(
            measuredAt.Value, spo2, heartRate, respiratoryRate, oxygenFlow, temperature, perfusionIndex, feeling, exertion, itemMessageId);
    }

    private static DateTimeOffset? ReadMeasuredAt(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path, DateTimeOffset now)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            JsonFieldReader.Reject(ref reader, ref errors, path,
                $"Must be an RFC 3339 timestamp string with offset ({TimestampExample}); got {JsonPayload.Describe(ref reader)}.");
            return null;
        }

        var outcome = Rfc3339Timestamp.Outcome.Invalid;
        var measuredAt = default(DateTimeOffset);

        // Escaped text is at most six times longer than what it stands for; anything longer is invalid anyway.
        if (reader.ValueSpan.Length <= Rfc3339Timestamp.MaxLength * 6)
        {
            Span<byte> text = stackalloc byte[Rfc3339Timestamp.MaxLength * 6];
            var length = reader.CopyString(text);
            outcome = Rfc3339Timestamp.TryParse(text[..length], out measuredAt);
        }

        switch (outcome)
        {
            case Rfc3339Timestamp.Outcome.MissingOffset:
                errors.Add(path, $"The timestamp has no UTC offset; add Z or the offset ({TimestampExample}).");
                return null;
            case Rfc3339Timestamp.Outcome.Invalid:
                errors.Add(path, $"Must be an RFC 3339 timestamp with offset ({TimestampExample}).");
                return null;
        }

        if (measuredAt > now + PayloadLimits.MaxClockAhead)
        {
            errors.Add(path, string.Create(
                CultureInfo.InvariantCulture,
                $"Lies more than 5 minutes in the future (platform time {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}); check the device clock."));
            return null;
        }

        if (measuredAt < now - PayloadLimits.MaxAge)
        {
            errors.Add(path, string.Create(
                CultureInfo.InvariantCulture,
                $"Is more than 7 days old (platform time {now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}); such measurements are no longer accepted."));
            return null;
        }

        return measuredAt;
    }

    private static string? ReadMessageId(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path)
    {
        const string Rule = "Must be a string of 1 to 64 characters";
        if (reader.TokenType != JsonTokenType.String)
        {
            JsonFieldReader.Reject(ref reader, ref errors, path, $"{Rule}; got {JsonPayload.Describe(ref reader)}.");
            return null;
        }

        // A character takes at most 6 bytes escaped (\uXXXX), so longer raw text is too long without decoding it.
        if (reader.ValueSpan.Length > PayloadLimits.MaxMessageIdLength * 6)
        {
            errors.Add(path, $"{Rule}; got a longer one.");
            return null;
        }

        var id = reader.GetString()!;
        if (id.Length is 0 or > PayloadLimits.MaxMessageIdLength)
        {
            errors.Add(path, string.Create(CultureInfo.InvariantCulture, $"{Rule}; got {id.Length}."));
            return null;
        }

        return id;
    }

    private static Feeling? ReadFeeling(ref Utf8JsonReader reader, ref PayloadErrorList errors, FieldPath path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("better"u8))
            {
                return Feeling.Better;
            }

            if (reader.ValueTextEquals("same"u8))
            {
                return Feeling.Same;
            }

            if (reader.ValueTextEquals("worse"u8))
            {
                return Feeling.Worse;
            }

            if (reader.ValueTextEquals("much-worse"u8))
            {
                return Feeling.MuchWorse;
            }
        }

        JsonFieldReader.Reject(ref reader, ref errors, path,
            $"Must be one of \"better\", \"same\", \"worse\", \"much-worse\"; got {(reader.TokenType == JsonTokenType.String ? "another string" : JsonPayload.Describe(ref reader))}.");
        return null;
    }

    private static MeasurementField Identify(ref Utf8JsonReader reader)
    {
        // Most common first; ValueTextEquals also matches names a device wrote with JSON escapes.
        if (reader.ValueTextEquals("measuredAt"u8))
        {
            return MeasurementField.MeasuredAt;
        }

        if (reader.ValueTextEquals("spo2"u8))
        {
            return MeasurementField.Spo2;
        }

        if (reader.ValueTextEquals("heartRate"u8))
        {
            return MeasurementField.HeartRate;
        }

        if (reader.ValueTextEquals("messageId"u8))
        {
            return MeasurementField.MessageId;
        }

        if (reader.ValueTextEquals("perfusionIndex"u8))
        {
            return MeasurementField.PerfusionIndex;
        }

        if (reader.ValueTextEquals("oxygenFlow"u8))
        {
            return MeasurementField.OxygenFlow;
        }

        if (reader.ValueTextEquals("respiratoryRate"u8))
        {
            return MeasurementField.RespiratoryRate;
        }

        if (reader.ValueTextEquals("temperature"u8))
        {
            return MeasurementField.Temperature;
        }

        if (reader.ValueTextEquals("feeling"u8))
        {
            return MeasurementField.Feeling;
        }

        if (reader.ValueTextEquals("exertion"u8))
        {
            return MeasurementField.Exertion;
        }

        return MeasurementField.None;
    }

    private static string Shown(NumberRange range, string format, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{range.Min.ToString(format, CultureInfo.InvariantCulture)} to {range.Max.ToString(format, CultureInfo.InvariantCulture)} ({unit})");

    private static string NameOf(MeasurementField field) => field switch
    {
        MeasurementField.MeasuredAt => "measuredAt",
        MeasurementField.MessageId => "messageId",
        MeasurementField.Spo2 => "spo2",
        MeasurementField.HeartRate => "heartRate",
        MeasurementField.RespiratoryRate => "respiratoryRate",
        MeasurementField.OxygenFlow => "oxygenFlow",
        MeasurementField.Temperature => "temperature",
        MeasurementField.PerfusionIndex => "perfusionIndex",
        MeasurementField.Feeling => "feeling",
        MeasurementField.Exertion => "exertion",
        _ => string.Empty,
    };

    [Flags]
    private enum MeasurementField
    {
        None = 0,
        MeasuredAt = 1 << 0,
        MessageId = 1 << 1,
        Spo2 = 1 << 2,
        HeartRate = 1 << 3,
        RespiratoryRate = 1 << 4,
        OxygenFlow = 1 << 5,
        Temperature = 1 << 6,
        PerfusionIndex = 1 << 7,
        Feeling = 1 << 8,
        Exertion = 1 << 9,
        Content = Spo2 | HeartRate | RespiratoryRate | OxygenFlow | Temperature | PerfusionIndex | Feeling,
    }
}
