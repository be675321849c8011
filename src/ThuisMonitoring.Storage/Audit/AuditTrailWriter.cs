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
/// (<see cref="AppendAllAsync"/>: a list answer's one record per patient), written in the same transaction.
/// </summary>
internal sealed class AuditTrailWriter : IAsyncDisposable, IDisposable
{
    private const string InsertSql = $"""
        INSERT INTO audit_records ({AuditSchema.Columns})
        VALUES ($id, $at, $offset, $actor, $role, $organisation, $patient, $resource, $action, $channel, $purpose, $previous, $hash);
        """;

    private readonly GroupCommitWriter<Session> _writer;
    private (long Id, string Hash) _tail;

    public AuditTrailWriter(SqliteDatabase database, (long Id, string Hash) tail, ILogger? logger = null)
    {
        _tail = tail;
        _writer = new GroupCommitWriter<Session>(database, "audit trail", GroupCommitOptions.Default, c => new Session(c, this), logger);
    }

    public Task AppendAsync(AuditEvent auditEvent) => AppendAllAsync([auditEvent]);

    /// <summary>Queues events that are committed together (one change: never split over two transactions).</summary>
    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents) => _writer.WriteAsync(new Change(auditEvents), CancellationToken.None);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

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
            foreach (var e in events)
            {
                id++;
                var hash = AuditChain.Hash(previous, id, e);
                var command = session.Command(transaction);
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$at", SqliteValues.Ticks(e.At));
                command.Parameters.AddWithValue("$offset", SqliteValues.OffsetMinutes(e.At));
                command.Parameters.AddWithValue("$actor", e.Actor);
                command.Parameters.AddWithValue("$role", e.Role);
                command.Parameters.AddWithValue("$organisation", SqliteValues.OrNull(e.Organisation));
                command.Parameters.AddWithValue("$patient", SqliteValues.OrNull(e.PatientId));
                command.Parameters.AddWithValue("$resource", e.Resource);
                command.Parameters.AddWithValue("$action", e.Action);
                command.Parameters.AddWithValue("$channel", e.Channel);
                command.Parameters.AddWithValue("$purpose", e.Purpose);
                command.Parameters.AddWithValue("$previous", previous);
                command.Parameters.AddWithValue("$hash", hash);
                command.ExecuteNonQuery();
                previous = hash;
            }

            session.Written = (id, previous);
            return true;
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The audit trail could not be written.", cause);
    }
}
