using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>The one way platform-to-device messages are written as UTF-8 JSON.</summary>
internal static class PlatformMessageJson
{
    // Devices have small JSON parsers and the feedback text is Dutch: keep "één" as UTF-8 rather than
    // \u00E9\u00E9n. Payloads never end up in HTML, so the HTML-safe escaping of the default encoder buys nothing.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Write<TMessage>(TMessage message, Action<Utf8JsonWriter, TMessage> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, message);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
