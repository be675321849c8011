using FsCheck;
using FsCheck.Fluent;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Tests.Properties;

/// <summary>
/// Random episodes within the contract's ranges (spo2 50-100, heart rate 20-250, respiratory rate 4-60,
/// temperature 30-45, oxygen flow 0-15, any feeling). Values are mostly drawn near the protocol's bands, so that
/// green, orange and red evaluations, repeats and escalations all occur.
/// </summary>
public static class Journeys
{
    public static Arbitrary<Journey> Journey() => Arb.From(JourneyGen(), Shrink);

    public static Arbitrary<Measurement> Measurement() => Arb.From(MeasurementGen());

    private static Gen<Journey> JourneyGen() =>
        from prescribed in Gen.Elements(0.0, 0.5, 1.0, 2.0, 3.0)
        from max in Gen.Elements<double?>(null, null, 2.0, 4.0)
        from steps in Gen.ListOf(StepGen())
        select new Journey(prescribed, max, steps.ToList());

    private static Gen<Step> StepGen() => Gen.Frequency(
        (6, from minutes in Gen.Choose(0, 480)
            from measurement in MeasurementGen()
            select (Step)new Measure(minutes, measurement)),
        (1, Gen.Choose(0, 5).Select(pick => (Step)new Acknowledge(pick))),
        (1, Gen.Choose(0, 5).Select(pick => (Step)new Resolve(pick))));

    private static Gen<Measurement> MeasurementGen() =>
        (from spo2 in Optional(Between(50, 100, 90, 99))
         from heartRate in Optional(Between(20, 250, 45, 140))
         from respiratoryRate in Optional(Between(4, 60, 8, 28))
         from temperature in Optional(Between(300, 450, 350, 400)).Select(t => t / 10.0)
         from oxygenFlow in Optional(Between(0, 150, 0, 40)).Select(f => f / 10.0)
         from feeling in Gen.Elements<Feeling?>(null, null, Feeling.Better, Feeling.Same, Feeling.Worse, Feeling.MuchWorse)
         select new Measurement(SpotCheck.MorningRound, spo2, heartRate, respiratoryRate, oxygenFlow, temperature, Feeling: feeling))
        .Where(m => m.HasContent);

    /// <summary>Anywhere in the contract's range, or near the protocol's bands.</summary>
    private static Gen<int> Between(int min, int max, int usualMin, int usualMax) =>
        Gen.Frequency((1, Gen.Choose(min, max)), (2, Gen.Choose(usualMin, usualMax)));

    private static Gen<int?> Optional(Gen<int> value) =>
        Gen.Frequency((1, Gen.Constant<int?>(null)), (3, value.Select(v => (int?)v)));

    private static IEnumerable<Journey> Shrink(Journey journey)
    {
        // Dropping single steps finds the shortest sequence that still breaks a property.
        for (var i = 0; i < journey.Steps.Count; i++)
        {
            yield return journey with { Steps = journey.Steps.Where((_, j) => j != i).ToList() };
        }
    }
}
