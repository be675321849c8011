namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>A device that publishes a few measurements and then goes silent (battery flat, patient forgets).</summary>
public sealed class MissedMeasurements : Scenario
{
    /// <summary>Measurements before the silence.</summary>
    public const int MeasurementsBeforeSilence = 3;

    public override string Name => "missed-measurements";

    public override string Description => "Publishes a few normal measurements, then stays silent (device-silent / measurement-missed).";

    public override DeviceKind PreferredDevice => DeviceKind.PatientApp;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        for (var i = 0; i < MeasurementsBeforeSilence; i++)
        {
            yield return new PublishMeasurement(context.Measure(
                spo2: Near(random, 95.5, 1, 95, 97),
                heartRate: Near(random, 78, 3, 70, 88),
                respiratoryRate: Near(random, 16, 1, 14, 18),
                temperature: NearTenth(random, 37.0, 0.2),
                feeling: "same",
                perfusionIndex: NearTenth(random, 3.0, 0.8)));
            yield return new Wait(context.Interval);
        }

        yield return new Wait(context.Silence, EndsPass: true);
    }
}
