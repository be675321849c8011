namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>An open-loop run through a host restart: N patients, R measurements/s each, for a fixed time.</summary>
public sealed class RestartLoadOptions
{
    public required Uri ApiBaseAddress { get; init; }

    public string MqttHost { get; init; } = "127.0.0.1";

    public int MqttPort { get; init; } = 1883;

    public string AdminUsername { get; init; } = "admin";

    public required string AdminPassword { get; init; }

    public required string StaffPassword { get; init; }

    public int Patients { get; init; } = 2000;

    public double RatePerPatient { get; init; } = 1;

    /// <summary>How long measurements are taken at most (the script stops and restarts the host within it).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(90);

    public double RedFraction { get; init; } = 0.02;

    /// <summary>A device that gets no PUBACK in this time counts a failure and sends the measurement again.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many QoS 1 publishes a device has in flight at most (its MQTT receive maximum).</summary>
    public int InFlight { get; init; } = 4;

    /// <summary>After the last measurement: how long to wait for the queued ones to be acknowledged.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>MQTT keep-alive of the devices: a connection whose peer is gone is found within about 1.5 times this.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At the end: how long the devices' loops and each device's disconnect may take before the run ends anyway.</summary>
    public TimeSpan DisconnectBound { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Written (Unix milliseconds) when the devices start publishing: the script waits for it.</summary>
    public string? StartedFile { get; init; }

    /// <summary>Lines <c>name unix-milliseconds</c> the script writes (<c>stopped</c>, <c>ready</c>), read at the end.</summary>
    public string? MarksFile { get; init; }

    /// <summary>How many measurements a device keeps waiting at most (the oldest is dropped beyond); 0: no limit.</summary>
    public int DeviceBuffer { get; init; } = 120;

    /// <summary>When this file appears, the devices stop taking measurements (the script writes it a while after the restarted host is ready).</summary>
    public string? EndFile { get; init; }

    public double TargetP99Ms { get; init; } = 200;

    public int SetupParallelism { get; init; } = 32;
}
