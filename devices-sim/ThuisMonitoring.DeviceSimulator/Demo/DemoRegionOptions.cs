namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>How to seed a demo region through the staff API.</summary>
public sealed class DemoRegionOptions
{
    /// <summary>The host, e.g. http://127.0.0.1:5080/.</summary>
    public required Uri ApiBaseAddress { get; init; }

    public string AdminUsername { get; init; } = "admin";

    public required string AdminPassword { get; init; }

    /// <summary>Password of the nurse <c>verpleegkundige</c> and the clinicians <c>huisarts</c> and <c>longarts</c>.</summary>
    public required string StaffPassword { get; init; }

    public int PatientCount { get; init; } = 6;

    /// <summary>Seed for names, birth dates and oxygen flows.</summary>
    public int Seed { get; init; } = 2021;

    /// <summary>Scenarios handed out round-robin; all named scenarios when empty.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>
    /// Reuse a patient with the same name and birth date when there is one (a re-run on the same data), binding a
    /// fresh device to them; otherwise every run enrols new patients.
    /// </summary>
    public bool ReuseExistingPatients { get; init; } = true;

    /// <summary>How many patients are enrolled and bound at once.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Prefix of the device ids; a fresh run tag is appended so a re-run never collides.</summary>
    public string DevicePrefix { get; init; } = "sim";

    /// <summary>How long to wait for <c>/health/ready</c> before giving up.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
