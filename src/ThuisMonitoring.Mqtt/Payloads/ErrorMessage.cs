using System.Text.Json;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// What the platform publishes on <c>thuismonitoring/v1/devices/{deviceId}/errors</c> for a rejected message:
/// <c>{"messageId": ..., "errors": [{"field": ..., "message": ...}]}</c>.
/// </summary>
/// <param name="MessageId">The messageId of the rejected message when it could be read; written as null otherwise.</param>
/// <param name="Errors">Why the message was rejected.</param>
public sealed record ErrorMessage(string? MessageId, IReadOnlyList<PayloadError> Errors)
{
    private static readonly Action<Utf8JsonWriter, ErrorMessage> WriteJson = static (writer, message) =>
    {
        writer.WriteStartObject();
        writer.WriteString("messageId"u8, message.MessageId);
        writer.WriteStartArray("errors"u8);
        foreach (var error in message.Errors)
        {
            writer.WriteStartObject();
            writer.WriteString("field"u8, error.Field);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    };

    /// <summary>The error message for a rejected parse result.</summary>
    public static ErrorMessage For<T>(PayloadResult<T> rejected)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return new ErrorMessage(rejected.MessageId, rejected.Errors);
    }

    /// <summary>The MQTT payload: compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json() => PlatformMessageJson.Write(this, WriteJson);
}
