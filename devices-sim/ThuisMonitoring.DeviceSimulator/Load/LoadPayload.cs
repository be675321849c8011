using System.Globalization;
using System.Text.Unicode;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Writes the measurements of a load run straight to UTF-8 without a serializer, so the generator stays cheap:
/// mostly green oximeter values, and on request a red one (SpO2 88%, fast pulse).
/// </summary>
public static class LoadPayload
{
    /// <summary>One measurement; <paramref name="variation"/> picks a value in the green ranges.</summary>
    public static byte[] Write(DateTimeOffset measuredAt, string messageId, bool red, uint variation)
    {
        var spo2 = red ? 88 : 95 + (int)(variation % 4);
        var heartRate = red ? 118 : 68 + (int)(variation / 4 % 20);
        var perfusion = red ? 1.2 : 2.0 + (variation / 80 % 20) / 10.0;
        var utc = measuredAt.UtcDateTime;
        Span<byte> buffer = stackalloc byte[256];
        if (!Utf8.TryWrite(buffer, CultureInfo.InvariantCulture,
                $"{{\"measuredAt\":\"{utc:yyyy-MM-dd'T'HH:mm:ss.fff}+00:00\",\"messageId\":\"{messageId}\",\"spo2\":{spo2},\"heartRate\":{heartRate},\"perfusionIndex\":{perfusion:0.0}}}",
                out var written))
        {
            throw new ArgumentException("messageId too long for a load payload.", nameof(messageId));
        }

        return buffer[..written].ToArray();
    }

    /// <summary>Whether message number <paramref name="sequence"/> is red: a fixed, evenly spread fraction.</summary>
    public static bool IsRed(long sequence, double redFraction)
    {
        if (redFraction <= 0)
        {
            return false;
        }

        // Multiplicative hashing spreads the red ones over patients and time instead of every n-th message.
        var spread = (uint)((ulong)sequence * 2654435761UL) / (double)uint.MaxValue;
        return spread < redFraction;
    }
}
