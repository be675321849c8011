using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>One caller waiting for the flags of a device's measurements to be committed.</summary>
internal sealed class PendingFlags(string patientId, string deviceId, IReadOnlyList<MeasurementFlag> flags, CancellationToken cancellation)
    : GroupCommitChange<MeasurementStatements, bool>(cancellation)
{
    protected override bool Apply(MeasurementStatements session, SqliteTransaction transaction)
    {
        foreach (var flag in flags)
        {
            session.FlagMove.Execute(patientId, deviceId, flag, transaction);
        }

        return true;
    }

    protected override Exception NotWritten(Exception cause) => new IOException($"The measurement flags were not stored: {cause.Message}", cause);
}
