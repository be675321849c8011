namespace ThuisMonitoring.Domain.Privacy;

/// <summary>
/// How long an organisation keeps a patient's data. <see cref="MedicalRecordYears"/>: the medical record (enrolment,
/// episode, alerts, timeline, spot checks), 20 years after the end of treatment under the WGBO (art. 7:454).
/// <see cref="RawMeasurementDays"/>: the raw samples of a continuous (1 Hz) oximeter stream, thinned to one a minute
/// after this many days; the minute trend and every spot check stay part of the record.
/// </summary>
public sealed record RetentionPolicy(int MedicalRecordYears = RetentionPolicy.WgboYears, int RawMeasurementDays = RetentionPolicy.DefaultRawDays)
{
    public const int WgboYears = 20;
    public const int DefaultRawDays = 90;

    public static RetentionPolicy Default { get; } = new();

    /// <summary>Why the policy cannot be used (null when it can): the record is never kept for less than a year, raw data at least a day.</summary>
    public string? Problem() =>
        MedicalRecordYears < 1 ? "MedicalRecordYears must be at least 1."
        : RawMeasurementDays < 1 ? "RawMeasurementDays must be at least 1."
        : null;
}
