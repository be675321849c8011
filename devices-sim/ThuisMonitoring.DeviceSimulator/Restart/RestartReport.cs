namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>The figures of a restart run, written as JSON: totals, the recovery and every second.</summary>
public sealed record RestartReport(
    DateTimeOffset StartedAt,
    int Patients,
    double RatePerPatient,
    double DurationSeconds,
    double SetupSeconds,
    long Published,
    long Acknowledged,
    long Refused,
    long TimedOut,
    long Interrupted,
    long DroppedByDevices,
    long Reconnects,
    long FailedConnects,
    long NeverAcknowledged,
    IReadOnlyDictionary<string, double> Marks,
    RecoveryFigures? Recovery,
    IReadOnlyList<SecondFigures> Seconds)
{
    /// <summary>What the devices saw as failed publishes (error reason codes and publishes with no answer in time).</summary>
    public long PublishFailures => Refused + TimedOut;
}
