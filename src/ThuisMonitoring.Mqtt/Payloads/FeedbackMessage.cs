using System.Text.Json;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// What the platform publishes on <c>thuismonitoring/v1/devices/{deviceId}/feedback</c> after an accepted
/// measurement: <c>{"messageId", "receivedAt", "level": "green"|"orange"|"red", "text"}</c>.
/// </summary>
/// <param name="MessageId">The messageId of the measurement message, or null when it had none.</param>
/// <param name="ReceivedAt">When the platform received the message; written in UTC with millisecond precision (<c>2025-01-31T07:15:00.123Z</c>).</param>
/// <param name="Level">The traffic-light level of the evaluation.</param>
/// <param name="Text">What the patient should read or do; Dutch by default.</param>
public sealed record FeedbackMessage(string? MessageId, DateTimeOffset ReceivedAt, Level Level, string Text)
{
    private static readonly Action<Utf8JsonWriter, FeedbackMessage> WriteJson = static (writer, message) =>
    {
        var utc = message.ReceivedAt.UtcDateTime;
        var receivedAt = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        writer.WriteStartObject();
        writer.WriteString("messageId"u8, message.MessageId);
        writer.WriteString("receivedAt"u8, receivedAt);
        writer.WriteString("level"u8, message.Level.ToCode());
        writer.WriteString("text"u8, message.Text);
        writer.WriteEndObject();
    };

    /// <summary>The MQTT payload: compact UTF-8 JSON.</summary>
    public byte[] ToUtf8Json() => PlatformMessageJson.Write(this, WriteJson);
}
