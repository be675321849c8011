using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The summaries through their file's one writer (<see cref="GroupCommitWriter{TSession}"/>): every grain save writes
/// one, so a busy ward costs a few commits a second, not an fsync per save. A copy older than the stored one (by
/// <see cref="PatientSummary.WrittenAt"/>) is ignored. Every summary that was stored is handed to <paramref name="stored"/>
/// after its commit, on the writer, in commit order, before its caller is answered (the in-memory copy takes it there).
/// </summary>
internal sealed class PatientSummaryWriter(SqliteDatabase database, Action<PatientSummary> stored, ILogger? logger = null) : IAsyncDisposable, IDisposable
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

    /// <summary>Writes the summary; true when it was stored (not an older copy, not a fill-in of a patient who has one).</summary>
    public Task<bool> WriteAsync(PatientSummary summary, bool onlyIfMissing) =>
        // Serialised on the caller's thread so the writer only does SQL.
        _writer.WriteAsync(new Change(summary, StoredJson.Serialize(summary), onlyIfMissing, stored), CancellationToken.None);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    private sealed class Change(PatientSummary summary, string document, bool onlyIfMissing, Action<PatientSummary> stored)
        : GroupCommitChange<PreparedStatements, bool>(CancellationToken.None)
    {
        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command(onlyIfMissing ? AddMissingSql : SaveSql, transaction);
            command.Parameters.AddWithValue("$patientId", summary.PatientId);
            command.Parameters.AddWithValue("$writtenAt", summary.WrittenAt.UtcTicks);
            command.Parameters.AddWithValue("$document", document);
            return command.ExecuteNonQuery() != 0;
        }

        public override void Committed()
        {
            if (Outcome)
            {
                stored(summary);
            }

            base.Committed();
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The patient summaries could not be written.", cause);
    }
}
