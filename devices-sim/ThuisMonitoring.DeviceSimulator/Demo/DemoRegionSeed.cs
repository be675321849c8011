namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>What <see cref="DemoRegion.SeedAsync(DemoRegionOptions, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/> made.</summary>
/// <param name="RunTag">Part of every device id of this run.</param>
/// <param name="Patients">The patients with their devices and secrets, in enrolment order.</param>
public sealed record DemoRegionSeed(string RunTag, IReadOnlyList<SimulatedPatient> Patients);
