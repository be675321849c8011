using Microsoft.Data.Sqlite;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// Group commit for the summaries: every grain save writes one, so a busy ward costs a few commits a second, not an
/// fsync per save. A copy older than the stored one (by <see cref="PatientSummary.WrittenAt"/>) is ignored.
/// </summary>
internal sealed class PatientSummaryWriter(SqliteDatabase database)
    : GroupCommitWriter<PatientSummaryWriter.Change>(database, "patient summaries")
{
    private const string SaveSql = """
        INSERT INTO patient_summaries (patient_id, written_at_ticks, document) VALUES ($patientId, $writtenAt, $document)
        ON CONFLICT (patient_id) DO UPDATE SET written_at_ticks = excluded.written_at_ticks, document = excluded.document
        WHERE excluded.written_at_ticks >= patient_summaries.written_at_ticks;
        """;

    private const string AddMissingSql = """
        INSERT INTO patient_summaries (patient_id, written_at_ticks, document) VALUES ($patientId, $writtenAt, $document)
        ON CONFLICT (patient_id) DO NOTHING;
        """;

    public Task WriteAsync(PatientSummary summary, bool onlyIfMissing)
    {
        // Serialised on the caller's thread so the writer thread only does SQL.
        var change = new Change(summary.PatientId, summary.WrittenAt.UtcTicks, StoredJson.Serialize(summary), onlyIfMissing);
        Enqueue(change);
        return change.Done.Task;
    }

    protected override void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Change> batch)
    {
        using var save = Prepare(connection, transaction, SaveSql);
        using var addMissing = Prepare(connection, transaction, AddMissingSql);
        foreach (var change in batch)
        {
            var command = change.OnlyIfMissing ? addMissing : save;
            command.Parameters["$patientId"].Value = change.PatientId;
            command.Parameters["$writtenAt"].Value = change.WrittenAtTicks;
            command.Parameters["$document"].Value = change.Document;
            command.ExecuteNonQuery();
        }
    }

    protected override void Committed(IReadOnlyList<Change> batch)
    {
        foreach (var change in batch)
        {
            change.Done.TrySetResult();
        }
    }

    protected override void Failed(IReadOnlyList<Change> batch, Exception exception)
    {
        foreach (var change in batch)
        {
            change.Done.TrySetException(new IOException("The patient summaries could not be written.", exception));
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in (string[])["$patientId", "$writtenAt", "$document"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    internal sealed record Change(string PatientId, long WrittenAtTicks, string Document, bool OnlyIfMissing)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
