using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Tests;

/// <summary>Plays a scenario on a fake clock, advancing it through every wait, and keeps what was published.</summary>
internal static class Play
{
    public static readonly DateTimeOffset Start = new(2021, 3, 15, 8, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ScenarioStep> Steps(Scenario scenario, int seed = 7, DeviceKind? kind = null, double flow = 2.0)
    {
        var clock = new FakeTimeProvider(Start);
        var context = new ScenarioContext(seed, kind ?? scenario.PreferredDevice, flow, "dev-1-0", TimeSpan.FromSeconds(3), clock);
        var steps = new List<ScenarioStep>();
        foreach (var step in scenario.Steps(context))
        {
            steps.Add(step);
            if (step is Wait wait)
            {
                clock.Advance(wait.Duration);
            }
        }

        return steps;
    }

    public static IReadOnlyList<DeviceMeasurement> Measurements(Scenario scenario, int seed = 7, DeviceKind? kind = null, double flow = 2.0) =>
        Steps(scenario, seed, kind, flow).OfType<PublishMeasurement>().Select(p => p.Measurement).ToArray();

    public static string Json(DeviceMeasurement measurement) => JsonSerializer.Serialize(measurement, SimulatorJson.Options);

    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in ScenarioCatalog.All)
        {
            data.Add(scenario.Name);
        }

        return data;
    }
}
