using System.Globalization;
using System.Text;
using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>
/// "The broker and the host never crash on any payload": thousands of random and malformed payloads are each
/// rejected with a reason and never throw, while valid messages mixed in between are all accepted.
/// </summary>
public sealed class PayloadRobustnessTests
{
    private const int MalformedCount = 5_000;
    private const int Seed = 20_250_310;

    private static readonly string[] IntegerFields = ["spo2", "heartRate", "respiratoryRate"];
    private static readonly string[] NumberFields = ["oxygenFlow", "temperature", "perfusionIndex"];

    [Fact]
    public void Five_thousand_malformed_payloads_are_each_rejected_and_valid_ones_between_them_accepted()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var accepted = 0;
        var generators = Malformed();

        for (var i = 0; i < MalformedCount; i++)
        {
            var (kind, generate) = generators[i % generators.Length];
            var payload = generate(random);
            Expect(payload, accept: false, $"#{i} {kind}", random, failures);

            if (i % 4 == 0)
            {
                Expect(Valid(random), accept: true, $"valid after #{i}", random, failures);
                accepted++;
            }
        }

        failures.Should().BeEmpty();
        accepted.Should().Be(MalformedCount / 4);
    }

    private static void Expect(byte[] payload, bool accept, string label, Random random, List<string> failures)
    {
        try
        {
            var result = MeasurementPayloadParser.Parse(payload, Now);
            var cut = random.Next(payload.Length + 1);
            var segmented = MeasurementPayloadParser.Parse(Segmented(payload, cut, cut + random.Next(1, 9)), Now);
            var status = StatusPayloadParser.Parse(payload);

            if (result.IsAccepted != accept || segmented.IsAccepted != accept)
            {
                failures.Add($"{label}: expected accepted={accept} for {Show(payload)}; errors: {string.Join("; ", result.Errors)}");
            }
            else if (!accept && (result.Errors.Count == 0 || result.Errors.Any(e => string.IsNullOrWhiteSpace(e.Message))))
            {
                failures.Add($"{label}: rejected without a reason: {Show(payload)}");
            }
            else if (status.IsAccepted)
            {
                failures.Add($"{label}: accepted as a status: {Show(payload)}");
            }
        }
        catch (Exception exception)
        {
            failures.Add($"{label}: {exception.GetType().Name} {exception.Message} for {Show(payload)}");
        }
    }

    private static (string Kind, Func<Random, byte[]> Generate)[] Malformed() =>
    [
        ("random bytes", r => RandomBytes(r, r.Next(0, 300))),
        ("random ASCII", r => Encoding.ASCII.GetBytes(new string(Enumerable.Range(0, r.Next(1, 200)).Select(_ => (char)r.Next(32, 127)).ToArray()))),
        ("JSON-ish noise", r => Utf8(JsonNoise(r, r.Next(1, 80)))),
        ("truncated", r =>
        {
            var valid = Valid(r);
            return valid[..r.Next(0, valid.Length)];
        }),
        ("wrong type", r => Utf8(MeasurementJson($"\"{Pick(r, [.. IntegerFields, .. NumberFields, "feeling", "exertion", "messageId"])}\":{Pick(r, WrongTypeValues(r))}"))),
        ("integer with fraction", r => Utf8(MeasurementJson($"\"{Pick(r, IntegerFields)}\":{r.Next(50, 60)}.{r.Next(1, 10)}"))),
        ("out of range", r => Utf8(MeasurementJson(OutOfRange(r)))),
        ("huge string", r =>
        {
            var huge = new string('x', r.Next(65, 200_000));
            return Utf8(Pick(r, [
                $$"""{"measuredAt":"{{huge}}","spo2":95}""",
                MeasurementJson($"\"spo2\":95,\"messageId\":\"{huge}\""),
                MeasurementJson($"\"feeling\":\"{huge}\""),
            ]));
        }),
        ("huge key", r => Utf8(MeasurementJson($"\"spo2\":95,\"{new string('k', r.Next(1_000, 100_000))}\":1,\"{new string('k', 1_000)}\":2,\"{new string('k', 1_000)}\":3"))),
        ("deep nesting", r => Utf8(DeepNesting(r))),
        ("1 MB", r => Utf8(MeasurementJson($"\"spo2\":95,\"padding\":\"{new string('p', 1_048_576 + r.Next(100))}\""))),
        ("oversized batch", r => Utf8(Batch(PayloadLimits.MaxBatchSize + 1 + r.Next(50), _ => MeasurementJson("\"spo2\":95")))),
        ("invalid UTF-8", r => InvalidUtf8(r)),
        ("NaN or Infinity", r => Utf8(MeasurementJson($"\"{Pick(r, NumberFields)}\":{Pick(r, ["NaN", "Infinity", "-Infinity", "nan", "inf"])}"))),
        ("huge exponent", r => Utf8(MeasurementJson($"\"{Pick(r, [.. IntegerFields, .. NumberFields])}\":{Pick(r, ["1e400", "-1e400", "1E+309", "9" + new string('9', 400)])}"))),
        ("bad timestamp", r => Utf8($$"""{"measuredAt":"{{Pick(r, ["2025-03-10T11:59:00", "2025-03-10", "yesterday", "2025-03-10T12:30:00Z", "2025-02-01T00:00:00Z", "2025-03-10T11:59:00+25:00"])}}","spo2":95}""")),
        ("no content", r => Utf8(MeasurementJson(Pick(r, ["", "\"exertion\":true", "\"messageId\":\"m\"", "\"unknown\":95"])))),
        ("bad batch item", r => Utf8(Batch(r.Next(2, 40), _ => MeasurementJson("\"spo2\":95")).Insert(1, Pick(r, ["1,", "null,", "\"x\",", "[],", "{},", MeasurementJson("\"spo2\":49") + ","])))),
        ("not an object", r => Utf8(Pick(r, ["null", "0", "-1", "\"{}\"", "true", "false", "[]", "[[]]"]))),
        ("duplicate key", r =>
        {
            var key = Pick(r, [.. IntegerFields, .. NumberFields, "feeling", "note"]);
            return Utf8(MeasurementJson($"\"spo2\":95,\"{key}\":1,\"{key}\":1"));
        }),
    ];

    private static byte[] Valid(Random random)
    {
        if (random.Next(3) == 0)
        {
            return Utf8(Batch(random.Next(1, 30), _ => ValidObject(random)));
        }

        return Utf8(ValidObject(random));
    }

    private static string ValidObject(Random random)
    {
        var members = new List<string>
        {
            $"\"measuredAt\":\"{Now.AddSeconds(-random.Next(0, 7 * 24 * 3600)).ToOffset(TimeSpan.FromHours(random.Next(-12, 15))).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}\"",
            $"\"spo2\":{random.Next(50, 101)}",
        };
        if (random.Next(2) == 0)
        {
            members.Add($"\"heartRate\":{random.Next(20, 251)}");
        }

        if (random.Next(2) == 0)
        {
            members.Add($"\"oxygenFlow\":{(random.NextDouble() * 15).ToString("0.##", CultureInfo.InvariantCulture)}");
        }

        if (random.Next(2) == 0)
        {
            members.Add($"\"temperature\":{(30 + (random.NextDouble() * 15)).ToString("0.#", CultureInfo.InvariantCulture)}");
        }

        if (random.Next(2) == 0)
        {
            members.Add($"\"feeling\":\"{Pick(random, ["better", "same", "worse", "much-worse"])}\"");
        }

        if (random.Next(2) == 0)
        {
            members.Add($"\"messageId\":\"m-{random.Next()}\"");
        }

        if (random.Next(4) == 0)
        {
            members.Add("\"firmware\":{\"version\":[1,2,3],\"ok\":true}");
        }

        var shuffled = members.OrderBy(_ => random.Next()).ToArray();
        return "{" + string.Join(",", shuffled) + "}";
    }

    private static string[] WrongTypeValues(Random random) =>
        ["\"95\"", "null", "true", "false", "{}", "[]", "[95]", "{\"v\":95}", "\"\"", "\"" + new string('z', random.Next(1, 100)) + "\""];

    private static string OutOfRange(Random random) => random.Next(9) switch
    {
        0 => $"\"spo2\":{Pick(random, ["49", "101", "0", "-95", "1000"])}",
        1 => $"\"heartRate\":{Pick(random, ["19", "251", "0", "-1"])}",
        2 => $"\"respiratoryRate\":{Pick(random, ["3", "61", "-4"])}",
        3 => $"\"oxygenFlow\":{Pick(random, ["-0.01", "15.01", "100", "-1e-3"])}",
        4 => $"\"temperature\":{Pick(random, ["29.99", "45.01", "0", "98.6"])}",
        5 => $"\"perfusionIndex\":{Pick(random, ["-0.1", "20.1", "1e3"])}",
        6 => $"\"feeling\":\"{Pick(random, ["BETTER", "good", "much worse", "much_worse", " same"])}\"",
        7 => $"\"messageId\":\"\",\"spo2\":95",
        _ => $"\"spo2\":95,\"heartRate\":{random.Next(251, 100_000)}",
    };

    private static string DeepNesting(Random random)
    {
        var depth = Pick(random, [9, 50, 1_000, 10_000]);
        return random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
            _ => MeasurementJson($"\"spo2\":95,\"trace\":{new string('[', depth)}{new string(']', depth)}"),
        };
    }

    private static byte[] InvalidUtf8(Random random)
    {
        byte[][] invalid = [[0xFF], [0xFE], [0xC0, 0x80], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x28, 0xA1], [0x80]];
        var head = Utf8($"{{\"measuredAt\":\"{RecentMeasuredAt}\",\"spo2\":95,\"{Pick(random, ["messageId", "note", "feeling"])}\":\"ab");
        return [.. head, .. Pick(random, invalid), .. Utf8("cd\"}")];
    }

    private static string JsonNoise(Random random, int length)
    {
        string[] tokens = ["{", "}", "[", "]", ":", ",", "\"spo2\"", "\"measuredAt\"", "95", "-", "1e", "true", "nul", "\"", "\\", "\"x\"", " "];
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(Pick(random, tokens));
        }

        return builder.ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Show(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(payload.Length, 120)));
        return $"[{payload.Length} bytes] {text}";
    }
}
