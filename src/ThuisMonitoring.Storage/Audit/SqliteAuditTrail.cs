using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The NEN 7513 audit trail in its own SQLite file (<see cref="EmbeddedStoreOptions.AuditFileName"/>): appended by
/// group commit (<see cref="AuditTrailWriter"/>), read newest first, and verified by walking the hash chain.
/// Nothing here truncates, updates or deletes a record; the file grows for as long as the site runs.
/// </summary>
internal sealed class SqliteAuditTrail : IAuditTrail, IAuditLog, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly AuditTrailWriter _writer;

    public SqliteAuditTrail(EmbeddedStoreOptions options, ILogger<SqliteAuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(EmbeddedStoreOptions.AuditFileName));
        _database.EnsureSchema(AuditSchema.Sql);
        var tail = ReadTail();
        _writer = new AuditTrailWriter(_database, tail, logger);
        logger.LogInformation("Audit trail {Path} opened with {Count} records", _database.Path, tail.Id);
    }

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        AuditEventCheck.ThrowIfIncomplete(auditEvent);
        // Not cancelled once queued: a request that goes away still leaves its record.
        return new ValueTask(_writer.AppendAsync(auditEvent));
    }

    public ValueTask RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        foreach (var auditEvent in auditEvents)
        {
            AuditEventCheck.ThrowIfIncomplete(auditEvent);
        }

        return auditEvents.Count == 0 ? ValueTask.CompletedTask : new ValueTask(_writer.AppendAllAsync(auditEvents));
    }

    public async ValueTask<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.PatientId is not null)
        {
            where.Append(" AND patient_id = $patient");
            command.Parameters.AddWithValue("$patient", query.PatientId);
        }

        if (query.Actor is not null)
        {
            where.Append(" AND actor = $actor COLLATE NOCASE");
            command.Parameters.AddWithValue("$actor", query.Actor);
        }

        if (query.From is { } from)
        {
            where.Append(" AND at_ticks >= $from");
            command.Parameters.AddWithValue("$from", SqliteValues.Ticks(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND at_ticks <= $to");
            command.Parameters.AddWithValue("$to", SqliteValues.Ticks(to));
        }

        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {AuditSchema.Columns} FROM audit_records {where} ORDER BY id DESC LIMIT $limit OFFSET $offset;");
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        command.Parameters.AddWithValue("$offset", (long)(page - 1) * pageSize);
        var records = new List<AuditRecord>(pageSize + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(AuditRows.Read(reader));
        }

        var hasMore = records.Count > pageSize;
        if (hasMore)
        {
            records.RemoveAt(records.Count - 1);
        }

        return new AuditPage(records, page, pageSize, hasMore);
    }

    public async ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditChainCheck.VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    private (long Id, string Hash) ReadTail()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
