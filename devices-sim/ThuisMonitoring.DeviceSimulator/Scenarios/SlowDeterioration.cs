namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>A patient who slowly gets worse: SpO2 drifts from 95 to 90%, respiratory rate and pulse rise.</summary>
public sealed class SlowDeterioration : Scenario
{
    public override string Name => "slow-deterioration";

    public override string Description => "SpO2 drifting 95 -> 90%, respiratory rate 16 -> 26/min; orange then red.";

    public override DeviceKind PreferredDevice => DeviceKind.PatientApp;

    public override IEnumerable<ScenarioStep> Steps(ScenarioContext context)
    {
        var random = new Random(context.Seed);
        return Every(context, Length, i =>
        {
            // The drift itself carries the story; noise only on the way, so the pass ends at 90% and 26/min.
            var last = i == Length - 1;
            return context.Measure(
                spo2: last ? 90 : Near(random, Course(95, 90, i, Length), i == 0 ? 0 : 1, 90, 95),
                heartRate: Near(random, Course(82, 108, i, Length), 2, 70, 112),
                respiratoryRate: last ? 26 : Near(random, Course(16, 26, i, Length), 1, 15, 26),
                temperature: NearTenth(random, Course(37.6, 38.6, i, Length), 0.1),
                feeling: i < Length / 2 ? "same" : "worse",
                perfusionIndex: NearTenth(random, 2.0, 0.8));
        });
    }
}
