using System.Buffers;
using System.Text.Json;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Reads the payload of <c>thuismonitoring/v1/devices/{deviceId}/status</c>:
/// <c>{"battery": 0-100, "sensorOn": true/false}</c>, either field optional but not both.
/// </summary>
/// <remarks>
/// Same rules and limits as <see cref="MeasurementPayloadParser"/>: unknown fields ignored, repeated keys,
/// explicit <c>null</c> and wrong types rejected, the whole payload rejected on any error, never an exception.
/// </remarks>
public static class StatusPayloadParser
{
    private static readonly JsonPayload.SpanParser<DeviceStatus, bool> SpanParse = static (payload, _) => Parse(payload);

    /// <summary>Parses an MQTT payload as received by MQTTnet.</summary>
    public static PayloadResult<DeviceStatus> Parse(in ReadOnlySequence<byte> payload) =>
        JsonPayload.ParseSequence(payload, false, SpanParse);

    /// <summary>Parses a payload held in memory (also takes a <c>byte[]</c>).</summary>
    public static PayloadResult<DeviceStatus> Parse(ReadOnlySpan<byte> payload)
    {
        if (JsonPayload.Check(payload, out var json) is { } problem)
        {
            return PayloadResult<DeviceStatus>.Rejected([problem], messageId: null);
        }

        var errors = default(PayloadErrorList);
        DeviceStatus? status = null;
        var reader = JsonPayload.CreateReader(json);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                status = ReadStatus(ref reader, ref errors);
            }
            else
            {
                errors.AddFatal(FieldPath.Payload,
                    $"The payload must be a status object like {{\"battery\": 80, \"sensorOn\": true}}; got {JsonPayload.Describe(ref reader)}.");
            }

            JsonPayload.ExpectEnd(ref reader, ref errors);
        }
        catch (JsonException exception)
        {
            errors.AddFatal(FieldPath.Payload, JsonPayload.InvalidJsonMessage(exception));
        }

        return errors.Count == 0 && status is not null
            ? PayloadResult<DeviceStatus>.Accepted(status, messageId: null)
            : PayloadResult<DeviceStatus>.Rejected(errors.ToList(), messageId: null);
    }

    private static DeviceStatus? ReadStatus(ref Utf8JsonReader reader, ref PayloadErrorList errors)
    {
        int? battery = null;
        bool? sensorOn = null;
        bool seenBattery = false, seenSensorOn = false;
        HashSet<string>? otherKeys = null;

        while (!errors.IsFatal && reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            FieldPath path;
            bool duplicate;
            var isBattery = reader.ValueTextEquals("battery"u8);
            var isSensorOn = !isBattery && reader.ValueTextEquals("sensorOn"u8);
            if (isBattery)
            {
                path = FieldPath.Payload.Field("battery");
                duplicate = seenBattery;
                seenBattery = true;
            }
            else if (isSensorOn)
            {
                path = FieldPath.Payload.Field("sensorOn");
                duplicate = seenSensorOn;
                seenSensorOn = true;
            }
            else
            {
                duplicate = JsonPayload.IsRepeatedOtherKey(ref reader, ref otherKeys, FieldPath.Payload, out path);
            }

            reader.Read();
            if (duplicate)
            {
                JsonFieldReader.Reject(ref reader, ref errors, path, "This field appears more than once in the object; send it once.");
            }
            else if (isBattery)
            {
                battery = JsonFieldReader.TryReadWholeNumber(ref reader, ref errors, path, 0, 100, out var b) ? b : null;
            }
            else if (isSensorOn)
            {
                sensorOn = JsonFieldReader.TryReadBoolean(ref reader, ref errors, path, out var on) ? on : null;
            }
            else
            {
                JsonPayload.TrySkipValue(ref reader, ref errors, path);
            }
        }

        if (errors.IsFatal)
        {
            return null;
        }

        if (!seenBattery && !seenSensorOn)
        {
            errors.Add(FieldPath.Payload, "A status needs at least one of battery or sensorOn.");
        }

        return errors.Count == 0 ? new DeviceStatus(battery, sensorOn) : null;
    }
}
