namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>
/// A named, time-compressed course of a patient as a device reports it. The values depend only on the seed of the
/// <see cref="ScenarioContext"/>, so a scenario replays the same way; each step is produced when it is taken,
/// so measuredAt is the moment of publishing.
/// </summary>
public abstract class Scenario
{
    /// <summary>Kebab-case name used on the command line and in logs, e.g. <c>sudden-desaturation</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One sentence for the operator.</summary>
    public abstract string Description { get; }

    /// <summary>The device that shows this scenario best (feelings and respiratory rate come from the patient app).</summary>
    public abstract DeviceKind PreferredDevice { get; }

    /// <summary>The steps of one pass through the scenario.</summary>
    public abstract IEnumerable<ScenarioStep> Steps(ScenarioContext context);

    /// <summary>How many measurements a pass of the regular scenarios publishes.</summary>
    protected const int Length = 20;

    /// <summary>Publishes <paramref name="count"/> measurements, one interval apart, each made when it is due.</summary>
    protected static IEnumerable<ScenarioStep> Every(ScenarioContext context, int count, Func<int, DeviceMeasurement> measure)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new PublishMeasurement(measure(i));
            yield return new Wait(context.Interval, EndsPass: i == count - 1);
        }
    }

    /// <summary>Linear course from <paramref name="from"/> to <paramref name="to"/> over a pass.</summary>
    protected static double Course(double from, double to, int step, int count) =>
        count <= 1 ? to : from + ((to - from) * step / (count - 1));

    /// <summary>A whole number near <paramref name="value"/>, at most <paramref name="spread"/> away, within bounds.</summary>
    protected static int Near(Random random, double value, int spread, int min, int max) =>
        Math.Clamp((int)Math.Round(value) + random.Next(-spread, spread + 1), min, max);

    /// <summary>A value near <paramref name="value"/> with one decimal, at most <paramref name="spread"/> away.</summary>
    protected static double NearTenth(Random random, double value, double spread) =>
        Math.Round(value + ((random.NextDouble() * 2) - 1) * spread, 1);
}
