namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>A stable patient whose saturation suddenly falls to about 88%.</summary>
public sealed class SuddenDesaturation : Scenario
{
    /// <summary>Measurements at rest before the fall.</summary>
    public const int StableMeasurements = 6;

    public override string Name => "sudden-desaturation";

    public override string Description => "Stable at SpO2 95-96%, then suddenly about 88% with a fast pulse; red.";

    public override DeviceKind PreferredDevice => DeviceKind.Oximeter;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        return Every(context, Length, i => i < StableMeasurements
            ? context.Measure(
                spo2: 95 + random.Next(0, 2),
                heartRate: Near(random, 80, 3, 70, 88),
                respiratoryRate: Near(random, 16, 1, 14, 18),
                temperature: NearTenth(random, 37.1, 0.2),
                feeling: "same",
                perfusionIndex: NearTenth(random, 3.0, 0.8))
            : context.Measure(
                spo2: Near(random, 88, 1, 87, 89),
                heartRate: Near(random, 116, 4, 111, 124),
                respiratoryRate: Near(random, 25, 1, 24, 27),
                temperature: NearTenth(random, 37.6, 0.2),
                feeling: "much-worse",
                perfusionIndex: NearTenth(random, 1.5, 0.5)));
    }
}
