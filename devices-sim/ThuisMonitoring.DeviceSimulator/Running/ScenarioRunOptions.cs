using Microsoft.Extensions.Logging;

namespace ThuisMonitoring.DeviceSimulator.Running;

/// <summary>How simulated devices play their scenarios against the broker.</summary>
public sealed class ScenarioRunOptions
{
    public string MqttHost { get; init; } = "127.0.0.1";

    public int MqttPort { get; init; } = 1883;

    /// <summary>Time between two measurements of a device: compressed, so a demo shows alerts within a minute.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the missed-measurements device stays silent before its next pass.</summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>Start each scenario again when it ends (demo mode); otherwise a device stops after one pass.</summary>
    public bool Loop { get; init; } = true;

    /// <summary>After a single pass, how long a device waits for the answers to its last messages.</summary>
    public TimeSpan AnswerGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Seed of the scenario values; each patient gets its own seed derived from it.</summary>
    public int Seed { get; init; } = 2021;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where devices log their feedback and errors; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
