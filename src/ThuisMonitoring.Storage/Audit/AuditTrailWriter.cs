using Microsoft.Data.Sqlite;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// Group commit for the audit trail: the one writer thread numbers and chains every event that has queued, inserts
/// them in one transaction (fsync'd, synchronous = FULL) and only then answers the callers, so a request that awaited
/// its audit record knows it is on disk. Only INSERT: there is no code path that changes or removes a record.
/// The chain's tail moves on only after a commit; a failed batch leaves it where it was. A change may carry many
/// events (<see cref="AppendAllAsync"/>: a list answer's one record per patient), written in the same transaction.
/// </summary>
internal sealed class AuditTrailWriter : GroupCommitWriter<AuditTrailWriter.Change>
{
    private const string InsertSql = $"""
        INSERT INTO audit_records ({AuditSchema.Columns})
        VALUES ($id, $at, $offset, $actor, $role, $organisation, $patient, $resource, $action, $channel, $purpose, $previous, $hash);
        """;

    private (long Id, string Hash) _tail;
    private (long Id, string Hash) _written;

    public AuditTrailWriter(SqliteDatabase database, (long Id, string Hash) tail)
        : base(database, "audit trail") => _tail = tail;

    public Task AppendAsync(AuditEvent auditEvent) => AppendAllAsync([auditEvent]);

    /// <summary>Queues events that are committed together (one change: never split over two transactions).</summary>
    public Task AppendAllAsync(IReadOnlyList<AuditEvent> auditEvents)
    {
        var change = new Change(auditEvents);
        Enqueue(change);
        return change.Done.Task;
    }

    protected override void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Change> batch)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        foreach (var name in (string[])["$id", "$at", "$offset", "$actor", "$role", "$organisation", "$patient", "$resource", "$action", "$channel", "$purpose", "$previous", "$hash"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        var (id, previous) = _tail;
        command.Prepare();
        foreach (var e in batch.SelectMany(change => change.Events))
        {
            id++;
            var hash = AuditChain.Hash(previous, id, e);
            command.Parameters["$id"].Value = id;
            command.Parameters["$at"].Value = SqliteValues.Ticks(e.At);
            command.Parameters["$offset"].Value = SqliteValues.OffsetMinutes(e.At);
            command.Parameters["$actor"].Value = e.Actor;
            command.Parameters["$role"].Value = e.Role;
            command.Parameters["$organisation"].Value = SqliteValues.OrNull(e.Organisation);
            command.Parameters["$patient"].Value = SqliteValues.OrNull(e.PatientId);
            command.Parameters["$resource"].Value = e.Resource;
            command.Parameters["$action"].Value = e.Action;
            command.Parameters["$channel"].Value = e.Channel;
            command.Parameters["$purpose"].Value = e.Purpose;
            command.Parameters["$previous"].Value = previous;
            command.Parameters["$hash"].Value = hash;
            command.ExecuteNonQuery();
            previous = hash;
        }

        _written = (id, previous);
    }

    protected override void Committed(IReadOnlyList<Change> batch)
    {
        _tail = _written;
        foreach (var change in batch)
        {
            change.Done.TrySetResult();
        }
    }

    protected override void Failed(IReadOnlyList<Change> batch, Exception exception)
    {
        foreach (var change in batch)
        {
            change.Done.TrySetException(new IOException("The audit trail could not be written.", exception));
        }
    }

    internal sealed record Change(IReadOnlyList<AuditEvent> Events)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
