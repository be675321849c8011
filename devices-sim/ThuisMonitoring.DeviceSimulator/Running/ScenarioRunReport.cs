namespace ThuisMonitoring.DeviceSimulator.Running;

/// <summary>What each simulated device did and heard back.</summary>
public sealed record ScenarioRunReport(IReadOnlyList<DeviceRunReport> Devices)
{
    public long Published => Devices.Sum(d => d.Published);

    public long InvalidPublished => Devices.Sum(d => d.InvalidPublished);

    /// <summary>Invalid messages the broker rejected in its PUBACK.</summary>
    public long InvalidRejected => Devices.Sum(d => d.InvalidRejected);

    public long ErrorsReceived => Devices.Sum(d => d.ErrorsReceived);

    public long FeedbackReceived => Devices.Sum(d => d.FeedbackReceived);
}

/// <summary>One device's counts: valid publishes, invalid publishes, PUBACKs, feedback and errors received.</summary>
public sealed record DeviceRunReport(
    string DeviceId,
    string PatientName,
    string Scenario,
    long Published,
    long Accepted,
    long InvalidPublished,
    long InvalidRejected,
    long FeedbackReceived,
    long ErrorsReceived,
    long Failures,
    string? LastLevel);
