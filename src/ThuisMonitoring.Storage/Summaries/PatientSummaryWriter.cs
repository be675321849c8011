using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The summaries through their file's one writer (<see cref="GroupCommitWriter{TSession}"/>): every grain save writes
/// one, so a busy ward costs a few commits a second, not an fsync per save. A copy older than the stored one (by
/// <see cref="PatientSummary.WrittenAt"/>) is ignored.
/// </summary>
internal sealed class PatientSummaryWriter(SqliteDatabase database, ILogger? logger = null) : IAsyncDisposable, IDisposable
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

    private readonly GroupCommitWriter<PreparedStatements> _writer = new(database, "patient summaries", GroupCommitOptions.Default, c => new PreparedStatements(c), logger);

    public Task WriteAsync(PatientSummary summary, bool onlyIfMissing) =>
        // Serialised on the caller's thread so the writer only does SQL.
        _writer.WriteAsync(new Change(summary.PatientId, summary.WrittenAt.UtcTicks, StoredJson.Serialize(summary), onlyIfMissing), CancellationToken.None);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    private sealed class Change(string patientId, long writtenAtTicks, string document, bool onlyIfMissing)
        : GroupCommitChange<PreparedStatements, bool>(CancellationToken.None)
    {
        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command(onlyIfMissing ? AddMissingSql : SaveSql, transaction);
            command.Parameters.AddWithValue("$patientId", patientId);
            command.Parameters.AddWithValue("$writtenAt", writtenAtTicks);
            command.Parameters.AddWithValue("$document", document);
            return command.ExecuteNonQuery() != 0;
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The patient summaries could not be written.", cause);
    }
}
