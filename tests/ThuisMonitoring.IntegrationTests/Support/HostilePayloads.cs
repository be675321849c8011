using System.Globalization;
using System.Text;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>One payload of the robustness run: what it is, its bytes, and what a correct platform stores of it.</summary>
public sealed record HostilePayload(int Index, string Kind, byte[] Bytes, IReadOnlyList<string> ValidMessageIds)
{
    public bool IsValid => ValidMessageIds.Count > 0;

    public override string ToString()
    {
        var preview = Encoding.UTF8.GetString(Bytes, 0, Math.Min(Bytes.Length, 120));
        return $"#{Index} {Kind} ({Bytes.Length} bytes): {preview}";
    }
}

/// <summary>
/// A reproducible stream (fixed seed) of malformed device payloads — bad JSON, wrong types, out-of-range values,
/// huge strings, deep nesting, one 1 MB payload, random bytes — with a valid measurement every tenth message.
/// Every invalid payload breaks a rule of CONTRACT §2 that the contract states outright, so a correct platform
/// rejects each one whole; the valid ones are green on 2 L/min and measured one second apart, in order.
/// </summary>
public sealed class HostilePayloads(int seed, DateTimeOffset firstMeasuredAt)
{
    public const int OneMegabyte = 1024 * 1024;

    private readonly Random _random = new(seed);
    private int _valid;

    public IEnumerable<HostilePayload> Take(int count, int megabyteAt)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 10 == 9)
            {
                yield return Valid(i);
            }
            else if (i == megabyteAt)
            {
                yield return Invalid(i, "1 MB messageId", Encoding.UTF8.GetBytes(Object(("spo2", "95"), ("messageId", Quote(new string('x', OneMegabyte))))));
            }
            else
            {
                var (kind, payload) = NextInvalid();
                yield return Invalid(i, kind, payload);
            }
        }
    }

    private static HostilePayload Invalid(int index, string kind, byte[] bytes) => new(index, kind, bytes, []);

    private HostilePayload Valid(int index)
    {
        // Now and then a small batch, which the contract allows: each object counts as one measurement.
        var size = _valid % 25 == 24 ? 3 : 1;
        var ids = new List<string>();
        var objects = new List<string>();
        for (var k = 0; k < size; k++)
        {
            var messageId = $"valid-{_valid:D5}";
            var measuredAt = firstMeasuredAt.AddSeconds(_valid++);
            ids.Add(messageId);
            objects.Add(Object(
                ("measuredAt", Quote(Timestamp(measuredAt))),
                ("messageId", Quote(messageId)),
                ("spo2", Number(_random.Next(96, 101))),
                ("heartRate", Number(_random.Next(55, 91))),
                ("respiratoryRate", Number(_random.Next(12, 21))),
                ("oxygenFlow", "2.0"),
                ("temperature", Number(Math.Round(36.2 + _random.NextDouble() * 1.6, 1))),
                ("perfusionIndex", Number(Math.Round(1 + _random.NextDouble() * 5, 2))),
                ("deviceFirmware", Quote("2.1.7"))));
        }

        var json = size == 1 ? objects[0] : "[" + string.Join(',', objects) + "]";
        return new HostilePayload(index, size == 1 ? "valid" : "valid batch", Encoding.UTF8.GetBytes(json), ids);
    }

    private (string Kind, byte[] Payload) NextInvalid() => _random.Next(11) switch
    {
        0 => ("truncated JSON", Truncated()),
        1 => ("random text", Encoding.UTF8.GetBytes(RandomText(_random.Next(1, 300)))),
        2 => ("random bytes", RandomBytes(_random.Next(1, 4000))),
        3 => ("wrong type", Encoding.UTF8.GetBytes(WrongType())),
        4 => ("out of range", Encoding.UTF8.GetBytes(OutOfRange())),
        5 => ("huge string", Encoding.UTF8.GetBytes(HugeString())),
        6 => ("deep nesting", Encoding.UTF8.GetBytes(DeepNesting())),
        7 => ("wrong shape", Encoding.UTF8.GetBytes(WrongShape())),
        8 => ("invalid UTF-8", InvalidUtf8()),
        9 => ("non-JSON number", Encoding.UTF8.GetBytes(Measurement(("temperature", Pick("NaN", "Infinity", "-Infinity", "0x25", "+37", "37.", ".5", "01"))))),
        _ => ("bad batch", Encoding.UTF8.GetBytes(BadBatch())),
    };

    private byte[] Truncated()
    {
        var whole = Measurement(("spo2", "95"), ("heartRate", "80"), ("feeling", Quote("same")));
        return Encoding.UTF8.GetBytes(whole[..(_random.Next(1, whole.Length - 1))]);
    }

    private string WrongType() => _random.Next(12) switch
    {
        0 => Measurement(("spo2", Quote("95"))),
        1 => Measurement(("spo2", "true")),
        2 => Measurement(("spo2", "[95]")),
        3 => Measurement(("heartRate", "{\"value\":80}")),
        4 => Measurement(("heartRate", "80.5")),
        5 => Measurement(("respiratoryRate", "16.25")),
        6 => Measurement(("oxygenFlow", Quote("2"))),
        7 => Measurement(("temperature", Quote("37,2"))),
        8 => Measurement(("spo2", "95"), ("feeling", "3")),
        9 => Measurement(("spo2", "95"), ("exertion", Pick("\"yes\"", "1", "0", "\"true\""))),
        10 => Object(("measuredAt", Number(DateTimeOffset.UtcNow.ToUnixTimeSeconds())), ("spo2", "95")),
        _ => Measurement(("spo2", "95"), ("messageId", Pick("123", "true", "{}", "[\"a\"]"))),
    };

    private string OutOfRange() => _random.Next(12) switch
    {
        0 => Measurement(("spo2", Number(Pick(49, 101, 0, -95, 1000, int.MaxValue)))),
        1 => Measurement(("heartRate", Number(Pick(19, 251, 0, -60)))),
        2 => Measurement(("respiratoryRate", Number(Pick(3, 61, -1)))),
        3 => Measurement(("oxygenFlow", Number(Pick(-0.1, 15.1, 100.0)))),
        4 => Measurement(("temperature", Number(Pick(29.9, 45.1, -273.15, 370.0)))),
        5 => Measurement(("spo2", "95"), ("perfusionIndex", Number(Pick(-0.5, 20.5)))),
        6 => Measurement(("feeling", Quote(Pick("great", "", "WORSE", "much worse", "beter")))),
        7 => Measurement(("spo2", "95"), ("messageId", Quote(Pick(string.Empty, new string('m', 65))))),
        8 => Object(("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow.AddMinutes(_random.Next(10, 100_000))))), ("spo2", "95")),
        9 => Object(("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow.AddDays(-_random.Next(8, 5000))))), ("spo2", "95")),
        10 => Object(("measuredAt", Quote(Pick("2025-13-45T99:99:99Z", "gisteren", "2025-01-31T07:15:00", "2025-01-31", "1706685300", ""))), ("spo2", "95")),
        _ => Measurement(("spo2", Pick("1e400", "95e10", "-0.5e-300"))),
    };

    private string HugeString()
    {
        var huge = Quote(RandomText(_random.Next(10_000, 200_000)).Replace("\\", "/", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal));
        return _random.Next(3) switch
        {
            0 => Measurement(("spo2", "95"), ("messageId", huge)),
            1 => Measurement(("feeling", huge)),
            _ => Object(("measuredAt", huge), ("spo2", "95")),
        };
    }

    private string DeepNesting()
    {
        var depth = _random.Next(9, 20_000);
        return _random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
            _ => Measurement(("spo2", new string('[', depth) + "95" + new string(']', depth))),
        };
    }

    private string WrongShape() => _random.Next(9) switch
    {
        0 => "{}",
        1 => Object(("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow)))),
        2 => Object(("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow))), ("exertion", "true"), ("messageId", Quote("alleen-exertion"))),
        3 => Object(("spo2", "95"), ("heartRate", "80")),
        4 => Quote("spo2 95"),
        5 => Pick("95", "true", "null", "\"\"", "[]"),
        6 => "[[" + Measurement(("spo2", "95")) + "]]",
        7 => Object(("SpO2", "95"), ("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow)))),
        _ => Pick(Measurement(("spo2", "95")).TrimEnd('}') + ",}", Measurement(("spo2", "95")) + Measurement(("spo2", "96"))),
    };

    private byte[] InvalidUtf8()
    {
        var prefix = Encoding.UTF8.GetBytes("{\"measuredAt\":\"" + Timestamp(DateTimeOffset.UtcNow) + "\",\"spo2\":95,\"feeling\":\"");
        byte[] broken = Pick<byte[]>([0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xC0, 0xAF]);
        return [.. prefix, .. broken, .. "\"}"u8.ToArray()];
    }

    private string BadBatch() => _random.Next(3) switch
    {
        0 => "[" + string.Join(',', Enumerable.Range(0, 601).Select(_ => Measurement(("spo2", "97")))) + "]",
        1 => "[" + Measurement(("spo2", "97")) + "," + Measurement(("spo2", "101")) + "]",
        _ => "[" + Measurement(("spo2", "97")) + ",42]",
    };

    /// <summary>An object with a current measuredAt and the given fields.</summary>
    private static string Measurement(params (string Name, string Json)[] fields) =>
        Object([("measuredAt", Quote(Timestamp(DateTimeOffset.UtcNow))), .. fields]);

    private static string Object(params (string Name, string Json)[] fields) =>
        "{" + string.Join(',', fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)_random.Next(32, 127);
        }

        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
