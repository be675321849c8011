namespace ThuisMonitoring.DeviceSimulator.Restart;

/// <summary>
/// The figures of a restart run, written as JSON: totals, the recovery and every second. Counts of attempts
/// (<see cref="Refused"/>, <see cref="TimedOut"/>, <see cref="Interrupted"/>) are kept apart from counts of
/// measurements: <see cref="PublishFailures"/> are measurements never acknowledged after the final drain (lost to the
/// patient's record as far as the device knows); <see cref="FailedAttempts"/> are the failed attempts of measurements
/// that were acknowledged in the end (sent again after a refusal, a timeout or a lost session).
/// </summary>
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
    long FailedAttempts,
    long PublishFailures,
    IReadOnlyDictionary<string, double> Marks,
    RecoveryFigures? Recovery,
    IReadOnlyList<SecondFigures> Seconds)
{
    /// <summary>
    /// A run's report from its timeline and the measurements still outstanding on the devices after the final drain
    /// (<paramref name="neverAcknowledged"/>: taken, not dropped by a full buffer, never acknowledged).
    /// </summary>
    public static RestartReport From(
        DateTimeOffset startedAt, int patients, double ratePerPatient, double durationSeconds, double setupSeconds,
        IReadOnlyList<SecondFigures> seconds, long neverAcknowledged, IReadOnlyDictionary<string, double> marks, RecoveryFigures? recovery) =>
        new(
            startedAt,
            patients,
            ratePerPatient,
            Math.Round(durationSeconds, 2),
            Math.Round(setupSeconds, 2),
            seconds.Sum(s => s.Published),
            seconds.Sum(s => s.Acknowledged),
            seconds.Sum(s => s.Refused),
            seconds.Sum(s => s.TimedOut),
            seconds.Sum(s => s.Interrupted),
            seconds.Sum(s => s.Dropped),
            seconds.Sum(s => s.Reconnects),
            seconds.Sum(s => s.FailedConnects),
            seconds.Sum(s => s.FailedAttempts),
            neverAcknowledged,
            marks,
            recovery,
            seconds);
}
