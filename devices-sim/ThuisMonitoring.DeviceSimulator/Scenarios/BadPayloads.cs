using System.Globalization;
using System.Text.Json.Nodes;

namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>
/// A faulty device or app: one good measurement, then messages that break the contract one rule at a time.
/// The platform must reject each whole (PUBACK 0x99, a message on the errors topic) and never crash.
/// </summary>
public sealed class BadPayloads : Scenario
{
    private static readonly Flaw[] Flaws =
    [
        new("spo2-out-of-range", true, (c, id, r) => Valid(c, id, r).With("spo2", 120)),
        new("heart-rate-out-of-range", true, (c, id, r) => Valid(c, id, r).With("heartRate", 300)),
        new("oxygen-flow-out-of-range", true, (c, id, r) => Valid(c, id, r).With("oxygenFlow", 22.5)),
        new("missing-measured-at", true, (c, id, r) => Without(Valid(c, id, r), "measuredAt")),
        new("measured-at-in-future", true, (c, id, r) => Valid(c, id, r).With("measuredAt", Rfc3339(c.Now().AddHours(1)))),
        new("measured-at-too-old", true, (c, id, r) => Valid(c, id, r).With("measuredAt", Rfc3339(c.Now().AddDays(-8)))),
        new("measured-at-without-offset", true, (c, id, r) =>
            Valid(c, id, r).With("measuredAt", c.Now().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture))),
        new("no-vital-signs", true, (c, id, _) => new JsonObject { ["measuredAt"] = Rfc3339(c.Now()), ["messageId"] = id }.ToJsonString()),
        new("unknown-feeling", true, (c, id, r) => Valid(c, id, r).With("feeling", "awful")),
        new("spo2-not-a-number", true, (c, id, r) => Valid(c, id, r).With("spo2", "ninety-five")),
        new("bad-json", false, (c, id, _) => $"{{\"measuredAt\":\"{Rfc3339(c.Now())}\",\"messageId\":\"{id}\",\"spo2\":95,"),
        new("not-an-object", false, (_, _, _) => "\"spo2 95\""),
    ];

    public override string Name => "bad-payloads";

    public override string Description => "Invalid messages (out of range, missing measuredAt, bad JSON, ...); each should be answered on the errors topic.";

    public override DeviceKind PreferredDevice => DeviceKind.Oximeter;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        yield return new PublishMeasurement(context.Measure(
            spo2: Near(random, 96, 1, 95, 97),
            heartRate: Near(random, 80, 3, 70, 88),
            respiratoryRate: 16,
            temperature: 37.0,
            feeling: "same",
            perfusionIndex: NearTenth(random, 3.0, 0.8)));
        yield return new Wait(context.Interval);

        for (var i = 0; i < Flaws.Length; i++)
        {
            var flaw = Flaws[i];
            var messageId = context.NextMessageId();
            var payload = flaw.Make(context, messageId, random);
            yield return new PublishInvalid(payload, flaw.Name, flaw.CarriesMessageId ? messageId : null);
            yield return new Wait(context.Interval, EndsPass: i == Flaws.Length - 1);
        }
    }

    /// <summary>The flaws in the order they are sent.</summary>
    public static IReadOnlyList<string> FlawNames { get; } = Flaws.Select(f => f.Name).ToArray();


    private static JsonObject Valid(ScenarioContext context, string messageId, Random random) => new()
    {
        ["measuredAt"] = Rfc3339(context.Now()),
        ["messageId"] = messageId,
        ["spo2"] = Near(random, 96, 1, 95, 97),
        ["heartRate"] = Near(random, 80, 3, 70, 88),
    };

    private static string Without(JsonObject measurement, string field)
    {
        measurement.Remove(field);
        return measurement.ToJsonString();
    }

    private static string Rfc3339(DateTimeOffset moment) =>
        moment.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private sealed record Flaw(string Name, bool CarriesMessageId, Func<ScenarioContext, string, Random, string> Make);
}

internal static class JsonObjectChanges
{
    public static string With(this JsonObject measurement, string field, JsonNode? value)
    {
        measurement[field] = value;
        return measurement.ToJsonString();
    }
}
