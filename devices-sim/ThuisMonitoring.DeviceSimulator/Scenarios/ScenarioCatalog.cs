namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>The named scenarios, in the order a demo region hands them out (the telling ones first).</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new SuddenDesaturation(),
        new SlowDeterioration(),
        new FeelsWorse(),
        new StableRecovery(),
        new MissedMeasurements(),
        new BadPayloads(),
    ];

    /// <summary>The scenario with this name; throws with the known names when there is none.</summary>
    public static Scenario Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
