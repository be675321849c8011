using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Alerts;

/// <summary>
/// Alert index changes through a <see cref="GroupCommitWriter{TSession}"/> on the directory file: every alert change
/// that has queued is applied in one transaction and one fsync, then each caller is answered. A busy ward then costs a
/// few commits a second instead of an fsync per alert change.
/// </summary>
internal sealed class AlertIndexWriter(SqliteDatabase database, ILogger logger) : IAsyncDisposable, IDisposable
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

    private readonly GroupCommitWriter<PreparedStatements> _writer = new(database, "alert index", GroupCommitOptions.Default, c => new PreparedStatements(c), logger);

    /// <summary>
    /// Queues the alert; completes once the batch holding it is committed. A copy older than the stored one (by
    /// <see cref="Alert.UpdatedAt"/>) is ignored, also when the newer one is earlier in the same batch.
    /// </summary>
    public Task UpsertAsync(Alert alert) =>
        // Serialised on the caller's thread so the writer only does SQL.
        _writer.WriteAsync(new Change(alert, StoredJson.Serialize(alert), logger), CancellationToken.None);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    private sealed class Change(Alert alert, string document, ILogger logger) : GroupCommitChange<PreparedStatements, bool>(CancellationToken.None)
    {
        /// <summary>False when the stored copy is newer and this one was ignored.</summary>
        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command(UpsertSql, transaction);
            command.Parameters.AddWithValue("$alertId", alert.AlertId);
            command.Parameters.AddWithValue("$patientId", alert.PatientId);
            command.Parameters.AddWithValue("$status", alert.Status.ToCode());
            command.Parameters.AddWithValue("$raisedAt", SqliteValues.Ticks(alert.RaisedAt));
            command.Parameters.AddWithValue("$updatedAt", SqliteValues.Ticks(alert.UpdatedAt));
            command.Parameters.AddWithValue("$document", document);
            return command.ExecuteNonQuery() != 0;
        }

        public override void Committed()
        {
            if (!Outcome)
            {
                logger.LogWarning("Ignored a stale copy of alert {AlertId} updated at {UpdatedAt}", alert.AlertId, alert.UpdatedAt);
            }

            base.Committed();
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The alert index could not be written.", cause);
    }
}
