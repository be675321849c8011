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
/// Nothing here truncates, updates or deletes a record; the file grows for as long as the site runs. Reads by patient
/// go through the derived index (<see cref="AuditPatientIndex"/>, filled in the background) plus a scan of the records
/// written since its mark, in one statement; the answer is the same as from an index on the records themselves.
/// </summary>
internal sealed class SqliteAuditTrail : IAuditTrail, IAuditLog, IAsyncDisposable, IDisposable
{
    private static readonly string RowColumns = string.Join(", ", AuditSchema.Columns.Split(", ").Select(c => "r." + c));

    // The same columns, the id taken from the index (so SQLite sees the index's order as the answer's order).
    private static readonly string IndexedRowColumns = "i.id" + RowColumns["r.id".Length..];

    private readonly SqliteDatabase _database;
    private readonly AuditTrailWriter _writer;
    private readonly AuditPatientIndex _patientIndex;

    public SqliteAuditTrail(EmbeddedStoreOptions options, TimeProvider time, ILogger<SqliteAuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _database = new SqliteDatabase(options.PathOf(EmbeddedStoreOptions.AuditFileName));
        _database.EnsureSchema(AuditSchema.Sql);
        AuditPatientIndex.Prepare(_database, logger);
        var tail = ReadTail();
        _writer = new AuditTrailWriter(_database, tail, logger);
        _patientIndex = new AuditPatientIndex(_database, options.AuditPatientIndexInterval, time, _writer.LogGrew, logger);
        logger.LogInformation("Audit trail {Path} opened with {Count} records, indexed by patient through {IndexedThrough}",
            _database.Path, tail.Id, _patientIndex.IndexedThrough);
    }

    /// <summary>The index by patient (a test seam).</summary>
    internal AuditPatientIndex PatientIndex => _patientIndex;

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
        var filters = new StringBuilder();
        if (query.Actor is not null)
        {
            filters.Append(" AND r.actor = $actor COLLATE NOCASE");
            command.Parameters.AddWithValue("$actor", query.Actor);
        }

        if (query.From is { } from)
        {
            filters.Append(" AND r.at_ticks >= $from");
            command.Parameters.AddWithValue("$from", SqliteValues.Ticks(from));
        }

        if (query.To is { } to)
        {
            filters.Append(" AND r.at_ticks <= $to");
            command.Parameters.AddWithValue("$to", SqliteValues.Ticks(to));
        }

        if (query.PatientId is not null)
        {
            command.Parameters.AddWithValue("$patient", query.PatientId);
            command.CommandText = ByPatientSql(filters.ToString());
        }
        else
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"SELECT {RowColumns} FROM audit_records AS r WHERE 1 = 1{filters} ORDER BY r.id DESC LIMIT $limit OFFSET $offset;");
        }

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

    // The indexed ids are the index's pairs up to the mark; the records above it are scanned (by rowid, from the mark:
    // NOT INDEXED keeps SQLite from walking the actor or time index instead). Both halves come out newest first and
    // every id above the mark is newer than every id at or below it, so SQLite merges them without sorting, and
    // LIMIT/OFFSET page over the whole as over one table. One statement: one snapshot of the index, mark and records.
    internal static string ByPatientSql(string filters) => $"""
        SELECT {RowColumns} FROM audit_records AS r NOT INDEXED
        WHERE r.id > (SELECT indexed_through FROM audit_patient_index_mark) AND r.patient_id = $patient{filters}
        UNION ALL
        SELECT {IndexedRowColumns} FROM audit_patient_index AS i CROSS JOIN audit_records AS r ON r.id = i.id
        WHERE i.patient_id = $patient AND i.id <= (SELECT indexed_through FROM audit_patient_index_mark){filters}
        ORDER BY 1 DESC LIMIT $limit OFFSET $offset;
        """;

    public async ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditChainCheck.VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The index first: it stops between passes, and what it has not taken in yet the next open's first pass does.
        await _patientIndex.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _database.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private (long Id, string Hash) ReadTail()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1;";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
