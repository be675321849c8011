using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>One caller waiting for the flags of a device's measurements to be committed.</summary>
internal sealed class PendingFlags(string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellation) : PendingWrite(cancellation)
{
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Write(MeasurementStatements statements, SqliteTransaction transaction)
    {
        foreach (var flag in flags)
        {
            statements.FlagMove.Execute(deviceId, flag, transaction);
        }
    }

    public override void Committed() => Completion.TrySetResult();

    public override void Failed(Exception exception) => Completion.TrySetException(exception);

    public override void Cancelled() => Completion.TrySetCanceled(Cancellation);
}
