using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The audit trail through its file's one writer (<see cref="GroupCommitWriter{TSession}"/>): the writer numbers and
/// chains every event that has queued, inserts them in one transaction (fsync'd, synchronous = FULL) and only then
/// answers the callers, so a request that awaited its audit record knows it is on disk. Only INSERT: there is no code
/// path that changes or removes a record. The chain's tail moves on only after a commit; a failed batch leaves it
/// where it was (the next batch starts a fresh session from the committed tail). A change may carry many events
/// (<see cref="AppendAllAsync"/>: a list answer's one record per patient), written in the same transaction. The
/// records' index by patient is not written here but after the commit, off the request path (<see cref="AuditPatientIndex"/>).
/// </summary>
internal sealed class AuditTrailWriter : IAsyncDisposable, IDisposable
{
    // One statement per change, however many events it carries: the rows go to SQLite as one JSON array (one array
    // of column values per row, in column order), so a list answer's 10,000 records cost one bind and one step, not
    // 10,000 of each. json_each keeps the array's order; the ids are explicit anyway.
    private const string InsertSql = $"""
        INSERT INTO audit_records ({AuditSchema.Columns})
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
               json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
               json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[11]'),
               json_extract(value, '$[12]')
        FROM json_each($rows);
        """;

    private readonly GroupCommitWriter<Session> _writer;
    private (long Id, string Hash) _tail;

    public AuditTrailWriter(SqliteDatabase database, (long Id, string Hash) tail, ILogger? logger = null)
    {
        _tail = tail;
        _writer = new GroupCommitWriter<Session>(database, "audit trail", GroupCommitOptions.Default, OpenSession, logger);
    }

    /// <summary>Another writer of the file (the patient index) has committed: its pages are in the log too.</summary>
    public void LogGrew() => _writer.Checkpointer.Committed();

    public Task AppendAsync(AuditEvent auditEvent) => AppendAllAsync([auditEvent]);

    /// <summary>Queues events that are committed together (one change: never split over two transactions).</summary>
    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents) => _writer.WriteAsync(new Change(auditEvents), CancellationToken.None);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    private Session OpenSession(SqliteConnection connection)
    {
        // The patient index's passes take the file's write lock too: a batch waits for one instead of failing.
        AuditPatientIndex.WaitWhenBusy(connection);
        return new Session(connection, this);
    }

    /// <summary>The writer's connection and the chain as written in the open batch.</summary>
    private sealed class Session(SqliteConnection connection, AuditTrailWriter owner) : IGroupCommitSession
    {
        private readonly PreparedStatements _statements = new(connection);

        public SqliteConnection Connection => connection;

        public (long Id, string Hash) Written { get; set; } = owner._tail;

        public SqliteCommand Command(SqliteTransaction transaction) => _statements.Command(InsertSql, transaction);

        public void Committed() => owner._tail = Written;

        public void Dispose() => _statements.Dispose();
    }

    private sealed class Change(IReadOnlyList<AuditEvent> events) : GroupCommitChange<Session, bool>(CancellationToken.None)
    {
        protected override bool Apply(Session session, SqliteTransaction transaction)
        {
            var (id, previous) = session.Written;
            var rows = new ArrayBufferWriter<byte>(events.Count * 384);
            using (var json = new Utf8JsonWriter(rows))
            {
                json.WriteStartArray();
                foreach (var e in events)
                {
                    id++;
                    var hash = AuditChain.Hash(previous, id, e);
                    json.WriteStartArray();
                    json.WriteNumberValue(id);
                    json.WriteNumberValue(SqliteValues.Ticks(e.At));
                    json.WriteNumberValue(SqliteValues.OffsetMinutes(e.At));
                    json.WriteStringValue(e.Actor);
                    json.WriteStringValue(e.Role);
                    WriteOrNull(json, e.Organisation);
                    WriteOrNull(json, e.PatientId);
                    json.WriteStringValue(e.Resource);
                    json.WriteStringValue(e.Action);
                    json.WriteStringValue(e.Channel);
                    json.WriteStringValue(e.Purpose);
                    json.WriteStringValue(previous);
                    json.WriteStringValue(hash);
                    json.WriteEndArray();
                    previous = hash;
                }

                json.WriteEndArray();
            }

            var command = session.Command(transaction);
            command.Parameters.AddWithValue("$rows", Encoding.UTF8.GetString(rows.WrittenSpan));
            command.ExecuteNonQuery();
            session.Written = (id, previous);
            return true;
        }

        private static void WriteOrNull(Utf8JsonWriter json, string? value)
        {
            if (value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStringValue(value);
            }
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The audit trail could not be written.", cause);
    }
}
