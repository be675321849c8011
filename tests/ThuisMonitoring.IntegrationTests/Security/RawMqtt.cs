using System.Net.Sockets;
using System.Text;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>MQTT packets written by hand, byte by byte, as an attacker's tool would: headers that lie about their length.</summary>
internal static class RawMqtt
{
    /// <summary>A fixed header: packet type and flags, then the remaining length as a variable byte integer.</summary>
    public static byte[] FixedHeader(byte typeAndFlags, int remainingLength)
    {
        var bytes = new List<byte> { typeAndFlags };
        do
        {
            var digit = (byte)(remainingLength % 128);
            remainingLength /= 128;
            bytes.Add(remainingLength > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remainingLength > 0);

        return [.. bytes];
    }

    /// <summary>The start of a CONNECT's variable header: protocol name "MQTT", level (4 = 3.1.1, 5 = 5.0), clean session, keep-alive 60 s.</summary>
    public static byte[] ConnectPreamble(byte level) => [0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', level, 0x02, 0x00, 0x3C];

    /// <summary>A whole MQTT 3.1.1 CONNECT with username and password and an empty client id.</summary>
    public static byte[] Connect311(string username, string password)
    {
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0xC2, 0x00, 0x3C };
        body.AddRange(Utf8String(string.Empty));
        body.AddRange(Utf8String(username));
        body.AddRange(Utf8String(password));
        return [.. FixedHeader(0x10, body.Count), .. body];
    }

    /// <summary>A topic name as MQTT writes strings: a two-byte length, then UTF-8.</summary>
    public static byte[] Utf8String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return [(byte)(bytes.Length >> 8), (byte)(bytes.Length & 0xFF), .. bytes];
    }

    /// <summary>Connects a plain TCP socket to the broker on loopback.</summary>
    public static async Task<TcpClient> OpenAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return client;
    }

    /// <summary>
    /// Reads until the broker closes the connection (or resets it) and returns what it sent before; throws when it has
    /// not closed within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<byte[]> ReadUntilClosedAsync(NetworkStream stream, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var received = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return [.. received];
                }

                received.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }
        catch (IOException)
        {
            return [.. received];
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The broker did not close the connection within {timeout}.");
        }
    }

    /// <summary>Writes up to <paramref name="bytes"/> of filler; stops quietly when the broker has closed the connection.</summary>
    public static async Task<long> WriteFillerAsync(NetworkStream stream, long bytes)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        long written = 0;
        try
        {
            while (written < bytes)
            {
                var size = (int)Math.Min(chunk.Length, bytes - written);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                written += size;
            }
        }
        catch (IOException)
        {
        }

        return written;
    }
}
