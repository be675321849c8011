namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>A load run: N patients each publishing R measurements a second for a while.</summary>
public sealed class LoadTestOptions
{
    public required Uri ApiBaseAddress { get; init; }

    public string MqttHost { get; init; } = "127.0.0.1";

    public int MqttPort { get; init; } = 1883;

    /// <summary>Every broker to spread the devices over (the hosts of a cluster), device i on endpoint i mod count; empty: <see cref="MqttHost"/>:<see cref="MqttPort"/> only.</summary>
    public IReadOnlyList<(string Host, int Port)> MqttEndpoints { get; init; } = [];

    public string AdminUsername { get; init; } = "admin";

    public required string AdminPassword { get; init; }

    /// <summary>Password of the demo staff; the nurse's login is used for the SignalR alert stream.</summary>
    public required string StaffPassword { get; init; }

    public int Patients { get; init; } = 50;

    /// <summary>Measurements per second per patient.</summary>
    public double RatePerPatient { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Fraction of measurements with red values, so alerts happen (default 2%).</summary>
    public double RedFraction { get; init; } = 0.02;

    /// <summary>How many enrolments, bindings and MQTT connects run at once while setting up.</summary>
    public int SetupParallelism { get; init; } = 32;

    /// <summary>How long to wait after the last publish for outstanding PUBACKs, feedback and alerts.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The host's process id for CPU and memory; found by scanning /proc when null.</summary>
    public int? HostPid { get; init; }
}
