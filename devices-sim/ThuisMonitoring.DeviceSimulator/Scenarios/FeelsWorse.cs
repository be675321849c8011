namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>Vital signs within targets, but the patient says they feel worse, then much worse.</summary>
public sealed class FeelsWorse : Scenario
{
    public override string Name => "feels-worse";

    public override string Description => "Stable values while the patient reports feeling worse (orange), then much worse (red).";

    public override DeviceKind PreferredDevice => DeviceKind.PatientApp;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        return Every(context, Length, i => context.Measure(
            spo2: Near(random, 96, 1, 95, 97),
            heartRate: Near(random, 80, 3, 70, 88),
            respiratoryRate: Near(random, 16, 1, 14, 18),
            temperature: NearTenth(random, 37.0, 0.2),
            feeling: i < 5 ? "same" : i < 12 ? "worse" : "much-worse",
            perfusionIndex: NearTenth(random, 3.0, 0.8)));
    }
}
