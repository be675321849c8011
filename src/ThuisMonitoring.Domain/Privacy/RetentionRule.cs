namespace ThuisMonitoring.Domain.Privacy;

/// <summary>
/// What is due for purging at a given time under a <see cref="RetentionPolicy"/>. Pure: the caller brings the time
/// (its TimeProvider) and what it knows of the patient.
/// </summary>
public static class RetentionRule
{
    /// <summary>
    /// Oximeter samples this close to a neighbouring sample of the same device belong to a continuous stream (the
    /// patient grain's stream gap): those are the raw data. A sample with no neighbour this close is a spot check.
    /// </summary>
    public static readonly TimeSpan StreamGap = TimeSpan.FromSeconds(10);

    /// <summary>What is kept of a raw stream after <see cref="RetentionPolicy.RawMeasurementDays"/>: the first sample of each interval.</summary>
    public static readonly TimeSpan ThinnedInterval = TimeSpan.FromMinutes(1);

    /// <summary>Raw samples measured before this instant are thinned.</summary>
    public static DateTimeOffset RawCutoff(RetentionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return now.AddDays(-policy.RawMeasurementDays);
    }

    /// <summary>
    /// Whether a sample is raw data due for removal: from an oximeter, measured before the cutoff, part of a stream
    /// (a neighbour within <see cref="StreamGap"/>) and not the first sample of its <see cref="ThinnedInterval"/>.
    /// The measurement store applies the same rule in one statement; this is its specification.
    /// </summary>
    public static bool IsRawSampleDue(
        RetentionPolicy policy, DateTimeOffset now, bool fromOximeter, DateTimeOffset measuredAt,
        DateTimeOffset? previousAt, DateTimeOffset? nextAt, bool firstOfInterval)
    {
        if (!fromOximeter || firstOfInterval || measuredAt >= RawCutoff(policy, now))
        {
            return false;
        }

        return (previousAt is { } previous && measuredAt - previous <= StreamGap)
            || (nextAt is { } next && next - measuredAt <= StreamGap);
    }

    /// <summary>
    /// Whether the whole record of a patient is due: only after the episode ended (or the patient was readmitted),
    /// <see cref="RetentionPolicy.MedicalRecordYears"/> after that. An episode still running is never due.
    /// </summary>
    public static bool IsRecordDue(RetentionPolicy policy, DateTimeOffset? episodeEndedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return episodeEndedAt is { } ended && ended.AddYears(policy.MedicalRecordYears) <= now;
    }
}
