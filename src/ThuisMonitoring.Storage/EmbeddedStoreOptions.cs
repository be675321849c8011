namespace ThuisMonitoring.Storage;

/// <summary>Where the embedded stores keep their files and how the measurement writer batches.</summary>
/// <param name="DataDirectory">The host's <c>Data:Directory</c>; created when missing.</param>
public sealed record EmbeddedStoreOptions(string DataDirectory)
{
    /// <summary>File of users, patients, device bindings and the alert index.</summary>
    public const string DirectoryFileName = "thuismonitoring.db";

    /// <summary>File of the accepted measurements.</summary>
    public const string MeasurementsFileName = "measurements.db";

    /// <summary>File of the Orleans grain state.</summary>
    public const string GrainStateFileName = "grain-state.db";

    /// <summary>File of the NEN 7513 audit trail: append-only, hash-chained, never truncated.</summary>
    public const string AuditFileName = "audit.db";

    /// <summary>
    /// At most this many appends go into one transaction (one fsync). Whatever has queued while the previous batch
    /// was committing is written together, up to this size.
    /// </summary>
    public int MeasurementBatchSize { get; init; } = 4096;

    /// <summary>
    /// Appends waiting for the writer before callers are made to wait (back-pressure instead of unbounded memory).
    /// </summary>
    public int MeasurementQueueCapacity { get; init; } = 65_536;

    /// <summary>
    /// How often the audit trail's index by patient takes in the records written since its last pass (off the request
    /// path; a query by patient scans the records not yet indexed). Longer: fewer, larger passes, each patient's index
    /// page written once for every list answer in between.
    /// </summary>
    public TimeSpan AuditPatientIndexInterval { get; init; } = TimeSpan.FromSeconds(10);

    internal string PathOf(string fileName) => Path.Combine(DataDirectory, fileName);
}
