using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>One caller waiting for its measurement to be committed.</summary>
internal sealed class PendingAppend(StoredMeasurement measurement, CancellationToken cancellation) : PendingWrite(cancellation)
{
    public StoredMeasurement Measurement { get; } = measurement;

    // Continuations run on the pool, never inline on the writer, so a slow caller cannot stall the group commit.
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the writer inside the transaction; reported only after the commit.</summary>
    public bool Stored { get; private set; }

    public override int AddedRows => Stored ? 1 : 0;

    public override void Write(MeasurementStatements statements, SqliteTransaction transaction) =>
        Stored = statements.Insert.Execute(Measurement, transaction);

    public override void Committed() => Completion.TrySetResult(Stored);

    public override void Failed(Exception exception) => Completion.TrySetException(exception);

    public override void Cancelled() => Completion.TrySetCanceled(Cancellation);
}
