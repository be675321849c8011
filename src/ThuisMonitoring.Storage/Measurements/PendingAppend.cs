using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>One caller waiting for its measurement to be committed.</summary>
internal sealed class PendingAppend(StoredMeasurement measurement, CancellationToken cancellation)
{
    public StoredMeasurement Measurement { get; } = measurement;

    public CancellationToken Cancellation { get; } = cancellation;

    // Continuations run on the pool, never inline on the writer, so a slow caller cannot stall the group commit.
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the writer inside the transaction; reported only after the commit.</summary>
    public bool Stored { get; set; }
}
