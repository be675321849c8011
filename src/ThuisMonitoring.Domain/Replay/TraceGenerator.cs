using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>
/// Generates the labelled traces of the library: 20 minutes of a patient on 2 L/min with a 1 Hz oximeter (SpO2, heart
/// rate, respiratory rate, perfusion index), seeded so the same name and seed always give the same trace. Each trace is
/// a true course (a function of the second) plus measurement noise (SpO2 ±1, heart rate ±3, respiratory rate ±1,
/// perfusion 1.5-3 %) plus what the scenario injects (motion, cold fingers, the clip off, walks, gaps, a battery running
/// down, app spot checks). Expected outcomes follow PROTOCOL.md: a deterioration is labelled from the second its true
/// value is one point inside the band (with noise of ±1 a true value exactly on the band's edge flickers in and out of
/// it, and "held" is judged on the running median), to be escalated within the band's window plus <see cref="Slack"/>.
/// </summary>
public static class TraceGenerator
{
    /// <summary>Seconds a detection may take beyond the window: the warm-up, the running median and the noise.</summary>
    public const int Slack = 15;

    public const int Seconds = 20 * 60;

    public static readonly DateTimeOffset DefaultStart = new(2021, 12, 13, 8, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The names of the library, stable ones first.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "stable-recovery", "motion-artefacts", "low-perfusion", "sensor-off", "exertion-dips", "missed-measurements",
        "slow-desaturation", "sudden-desaturation", "tachypnoea", "fever", "battery",
    ];

    /// <summary>Every trace of the library with seed 1.</summary>
    public static IReadOnlyList<LabelledTrace> Library(DateTimeOffset? start = null) => [.. Names.Select(n => Generate(n, 1, start))];

    public static LabelledTrace Generate(string name, int seed, DateTimeOffset? start = null)
    {
        var random = new Random(unchecked((seed * 7919) + StableHash(name)));
        var at = start ?? DefaultStart;
        var redWindow = (int)CovidOxygenProtocol.Default.Continuous.Spo2RedWindow.TotalSeconds;
        var rateWindow = (int)CovidOxygenProtocol.Default.Continuous.RespiratoryRateWindow.TotalSeconds;
        return name switch
        {
            "stable-recovery" => Build(name, "Stable, recovering: SpO2 95-97, heart rate 72, respiratory rate 16.", seed, at, [], Course(random, _ => (96, 72, 16))),
            "motion-artefacts" => Build(name, "Stable, with motion every 2-3 min (SpO2 falls 15-25 points for 2-6 s and comes back; one in the first seconds of the stream).", seed, at, [],
                Motion(random, Course(random, _ => (96, 74, 16)))),
            "low-perfusion" => Build(name, "Stable, with cold fingers every 5 min: perfusion index 0.2 % and a meaningless SpO2 of 84 for 30 s.", seed, at, [],
                LowPerfusion(Course(random, _ => (95, 70, 15)))),
            "sensor-off" => Build(name, "Stable; the clip comes off twice for 2 min (sensor off, no values).", seed, at, [],
                SensorOff(Course(random, _ => (96, 72, 16)))),
            "exertion-dips" => Build(name, "Stable at rest; three walks to the shower: SpO2 90-91 for 40 s with heart rate 115 for 60 s.", seed, at, [],
                Course(random, Walking)),
            "missed-measurements" => Build(name, "Stable; the meter drops out for 3 and for 6 minutes (shorter than device-silent).", seed, at, [],
                Gaps(Course(random, _ => (96, 72, 16)))),
            "slow-desaturation" => Build(name, "SpO2 falls 1 point a minute from 96 from minute 4 and stays at 88: red spo2-critical once at or below 91 for 60 s.", seed, at,
                [new ExpectedEscalation(ReasonCodes.Spo2Critical, Level.Red, SlowOnset, redWindow + Slack)],
                Course(random, s => (SlowDesaturation(s), 80, 18))),
            "sudden-desaturation" => Build(name, "SpO2 drops from 96 to 86 within 5 s at minute 8 and stays: red spo2-critical.", seed, at,
                [new ExpectedEscalation(ReasonCodes.Spo2Critical, Level.Red, SuddenOnset + 3, redWindow + Slack)],
                Course(random, s => (s < SuddenOnset ? 96 : Math.Max(86, 96 - (2 * (s - SuddenOnset + 1))), s < SuddenOnset ? 75 : 95, 18))),
            "tachypnoea" => Build(name, "Respiratory rate climbs from 17 to 28 from minute 4 over 3 min and stays: red respiratory-rate-high once at 25 or more for 2 min.", seed, at,
                [new ExpectedEscalation(ReasonCodes.RespiratoryRateHigh, Level.Red, TachypnoeaOnset, rateWindow + Slack)],
                Course(random, s => (95, 88, Tachypnoea(s)))),
            "fever" => Build(name, "Stable oximeter; app spot checks at minutes 2 and 15 with 38.2 and 39.4 °C: orange temperature-high at the second.", seed, at,
                [new ExpectedEscalation(ReasonCodes.TemperatureHigh, Level.Orange, 15 * 60, Slack)],
                [.. Course(random, _ => (96, 84, 17)), new TraceEvent(2 * 60, TraceEvent.App, Temperature: 38.2), new TraceEvent(15 * 60, TraceEvent.App, Temperature: 39.4)]),
            "battery" => Build(name, "Stable; the meter reports its battery at 40, 20 and then 12 % at minute 12: orange battery-low.", seed, at,
                [new ExpectedEscalation(ReasonCodes.BatteryLow, Level.Orange, 12 * 60, Slack)],
                [.. Course(random, _ => (96, 72, 16)), Status(60, 40), Status(6 * 60, 20), Status(12 * 60, 12)]),
            _ => throw new ArgumentException($"No trace is called '{name}'; the library has {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private const int SlowStart = 4 * 60;

    // 96 - minutes since the start of the fall: 90, one point inside the red band, from 6 minutes in.
    private const int SlowOnset = SlowStart + (6 * 60);

    private const int SuddenOnset = 8 * 60;

    private const int TachypnoeaStart = 4 * 60;

    // 17 + 11 over 180 s: 26, one inside the red band, once 9/11 of the climb is done.
    private const int TachypnoeaOnset = TachypnoeaStart + (9 * 180 / 11) + 1;

    private static int SlowDesaturation(int second) => second < SlowStart ? 96 : Math.Max(88, 96 - ((second - SlowStart) / 60));

    private static int Tachypnoea(int second) =>
        second < TachypnoeaStart ? 17 : Math.Min(28, 17 + (int)Math.Floor((second - TachypnoeaStart) * 11 / 180.0));

    private static (int, int, int) Walking(int second)
    {
        foreach (var walk in new[] { 3 * 60, 9 * 60, 15 * 60 })
        {
            var t = second - walk;
            if (t is >= 0 and < 60)
            {
                return (t is >= 10 and < 50 ? 90 : 94, 115, 20);
            }
        }

        return (96, 76, 16);
    }

    private static List<TraceEvent> Course(Random random, Func<int, (int Spo2, int HeartRate, int RespiratoryRate)> course)
    {
        var events = new List<TraceEvent>(Seconds);
        for (var s = 0; s < Seconds; s++)
        {
            var (spo2, heartRate, respiratoryRate) = course(s);
            events.Add(new TraceEvent(
                s, TraceEvent.Oximeter,
                Spo2: Math.Clamp(spo2 + random.Next(-1, 2), MeasurementRanges.Spo2.Min, MeasurementRanges.Spo2.Max),
                HeartRate: heartRate + random.Next(-3, 4),
                RespiratoryRate: Math.Max(MeasurementRanges.RespiratoryRate.Min, respiratoryRate + random.Next(-1, 2)),
                PerfusionIndex: Math.Round(1.5 + (random.NextDouble() * 1.5), 2)));
        }

        return events;
    }

    private static List<TraceEvent> Motion(Random random, List<TraceEvent> events)
    {
        for (var at = 1; at < Seconds - 10; at += random.Next(120, 181))
        {
            var length = random.Next(2, 7);
            var fall = random.Next(15, 26);
            for (var s = at; s < at + length; s++)
            {
                events[s] = events[s] with { Spo2 = Math.Max(MeasurementRanges.Spo2.Min, events[s].Spo2!.Value - fall), HeartRate = 150 };
            }
        }

        return events;
    }

    private static List<TraceEvent> LowPerfusion(List<TraceEvent> events)
    {
        for (var at = 150; at < Seconds - 30; at += 300)
        {
            for (var s = at; s < at + 30; s++)
            {
                events[s] = events[s] with { Spo2 = 84, PerfusionIndex = 0.2 };
            }
        }

        return events;
    }

    private static List<TraceEvent> SensorOff(List<TraceEvent> events)
    {
        foreach (var at in new[] { 5 * 60, 13 * 60 })
        {
            for (var s = at; s < at + 120; s++)
            {
                events[s] = new TraceEvent(s, TraceEvent.Oximeter, SensorOn: false);
            }
        }

        return events;
    }

    private static List<TraceEvent> Gaps(List<TraceEvent> events) =>
        [.. events.Where(e => e.At is not (>= 4 * 60 and < 7 * 60) and not (>= 11 * 60 and < 17 * 60))];

    private static TraceEvent Status(int at, int battery) => new(at, TraceEvent.Oximeter, Battery: battery);

    private static LabelledTrace Build(string name, string description, int seed, DateTimeOffset start, IReadOnlyList<ExpectedEscalation> expected, List<TraceEvent> events) =>
        new(name, description, seed, start, 2.0, expected, [.. events.OrderBy(e => e.At).ThenBy(e => e.IsStatus ? 0 : 1)]);

    // string.GetHashCode and HashCode are randomised per process; traces must be the same in every run.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
