using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>One caller waiting for its measurement to be committed: true when stored, false when a duplicate.</summary>
internal sealed class PendingAppend(StoredMeasurement measurement, CancellationToken cancellation)
    : GroupCommitChange<MeasurementStatements, bool>(cancellation)
{
    protected override bool Apply(MeasurementStatements session, SqliteTransaction transaction) =>
        session.Append(measurement, transaction);

    protected override Exception NotWritten(Exception cause) => new IOException($"The measurement was not stored: {cause.Message}", cause);
}
