namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>A patient who recovers as hoped: SpO2 94-97% and slowly improving, everything else within targets.</summary>
public sealed class StableRecovery : Scenario
{
    public override string Name => "stable-recovery";

    public override string Description => "SpO2 94-97% slowly improving; should stay green and in time lead to weaning advice.";

    public override DeviceKind PreferredDevice => DeviceKind.Oximeter;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        return Every(context, Length, i => context.Measure(
            spo2: Near(random, Course(94.3, 96.8, i, Length), 1, 94, 97),
            heartRate: Near(random, Course(86, 74, i, Length), 2, 60, 88),
            respiratoryRate: Near(random, Course(18, 14, i, Length), 1, 12, 19),
            temperature: NearTenth(random, Course(37.4, 36.8, i, Length), 0.1),
            feeling: i % 4 == 0 ? "better" : "same",
            perfusionIndex: NearTenth(random, 3.0, 1.0)));
    }
}
