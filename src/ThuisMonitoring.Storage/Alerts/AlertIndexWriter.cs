using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Alerts;

/// <summary>
/// Group commit for the alert index: one writer thread takes every alert change that has queued, applies them in one
/// transaction and one fsync, then answers each caller. A busy ward then costs a few commits a second instead of an
/// fsync per alert change blocking a thread-pool thread.
/// </summary>
internal sealed class AlertIndexWriter(SqliteDatabase database, ILogger logger)
    : GroupCommitWriter<AlertIndexWriter.Change>(database, "alert index")
{
    private const string UpsertSql = """
        INSERT INTO alerts (alert_id, patient_id, status, raised_at_ticks, updated_at_ticks, document)
        VALUES ($alertId, $patientId, $status, $raisedAt, $updatedAt, $document)
        ON CONFLICT (alert_id) DO UPDATE SET
            patient_id = excluded.patient_id,
            status = excluded.status,
            raised_at_ticks = excluded.raised_at_ticks,
            updated_at_ticks = excluded.updated_at_ticks,
            document = excluded.document
        WHERE excluded.updated_at_ticks >= alerts.updated_at_ticks;
        """;

    /// <summary>
    /// Queues the alert; completes once the batch holding it is committed. A copy older than the stored one (by
    /// <see cref="Alert.UpdatedAt"/>) is ignored, also when the newer one is earlier in the same batch.
    /// </summary>
    public Task UpsertAsync(Alert alert)
    {
        // Serialised on the caller's thread so the writer thread only does SQL.
        var change = new Change(alert, StoredJson.Serialize(alert));
        Enqueue(change);
        return change.Done.Task;
    }

    protected override void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Change> batch)
    {
        using var command = Prepare(connection, transaction);
        foreach (var change in batch)
        {
            change.Stored = Apply(command, change);
        }
    }

    protected override void Committed(IReadOnlyList<Change> batch)
    {
        foreach (var change in batch)
        {
            if (!change.Stored)
            {
                logger.LogWarning("Ignored a stale copy of alert {AlertId} updated at {UpdatedAt}", change.Alert.AlertId, change.Alert.UpdatedAt);
            }

            change.Done.TrySetResult();
        }
    }

    protected override void Failed(IReadOnlyList<Change> batch, Exception exception)
    {
        foreach (var change in batch)
        {
            change.Done.TrySetException(new IOException("The alert index could not be written.", exception));
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSql;
        foreach (var name in (string[])["$alertId", "$patientId", "$status", "$raisedAt", "$updatedAt", "$document"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>False when the stored copy is newer and this one was ignored.</summary>
    private static bool Apply(SqliteCommand command, Change change)
    {
        var alert = change.Alert;
        command.Parameters["$alertId"].Value = alert.AlertId;
        command.Parameters["$patientId"].Value = alert.PatientId;
        command.Parameters["$status"].Value = alert.Status.ToCode();
        command.Parameters["$raisedAt"].Value = SqliteValues.Ticks(alert.RaisedAt);
        command.Parameters["$updatedAt"].Value = SqliteValues.Ticks(alert.UpdatedAt);
        command.Parameters["$document"].Value = change.Document;
        return command.ExecuteNonQuery() != 0;
    }

    internal sealed record Change(Alert Alert, string Document)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stored { get; set; }
    }
}
