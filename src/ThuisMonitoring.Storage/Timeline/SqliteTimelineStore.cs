using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Timeline;

/// <summary>
/// The patients' timelines in a file of their own (<c>timeline.db</c>, table <c>timeline_entries</c>): one row per entry,
/// the entry as a JSON document, in append order (<c>seq</c>); an entry id is unique per patient, so a repeated append
/// inserts nothing. Rows are never updated; an erasure deletes a patient's rows (<see cref="FileName"/>'s
/// <c>IPatientErasure</c>, registered with the store).
/// </summary>
internal sealed class SqliteTimelineStore : ITimelineStore, IDisposable
{
    /// <summary>The file under the data directory.</summary>
    public const string FileName = "timeline.db";

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS timeline_entries (
            seq         INTEGER PRIMARY KEY,
            patient_id  TEXT NOT NULL,
            entry_id    TEXT NOT NULL,
            at_ticks    INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            document    TEXT NOT NULL,
            UNIQUE (patient_id, entry_id)
        );
        CREATE INDEX IF NOT EXISTS ix_timeline_entries_patient ON timeline_entries (patient_id, seq);
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteTimelineStore> _logger;
    private readonly GroupCommitWriter<PreparedStatements> _writer;

    public SqliteTimelineStore(EmbeddedStoreOptions options, ILogger<SqliteTimelineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(FileName));
        _logger = logger;
        _database.EnsureSchema(Schema);
        _writer = new GroupCommitWriter<PreparedStatements>(_database, "timeline", GroupCommitOptions.Default, c => new PreparedStatements(c), logger);
    }

    internal SqliteDatabase Database => _database;

    public async Task AppendAsync(string patientId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // Serialised on the caller's thread so the writer only does SQL; appended in the writer's next commit, shared
        // with every other patient's save that has queued (one fsync, no write lock taken on the grain's thread).
        var rows = new TimelineRow[entries.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var item = entries[i];
            rows[i] = new TimelineRow(item.EntryId, SqliteValues.Ticks(item.At), item.Kind, StoredJson.Serialize(item));
        }

        var added = await _writer.WriteAsync(new TimelineAppend(patientId, rows), cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Timeline of patient {PatientId}: {Added} of {Count} entries appended", patientId, added, entries.Count);
    }

    public async Task<TimelinePage> ReadAsync(string patientId, TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT document FROM timeline_entries WHERE patient_id = $patient");
        command.Parameters.AddWithValue("$patient", patientId);
        if (query.After is { } after)
        {
            sql.Append(query.NewestFirst ? " AND seq < " : " AND seq > ")
                .Append("(SELECT seq FROM timeline_entries WHERE patient_id = $patient AND entry_id = $after)");
            command.Parameters.AddWithValue("$after", after);
        }

        if (query.Kinds is { Count: > 0 } kinds)
        {
            sql.Append(" AND kind IN (");
            for (var i = 0; i < kinds.Count; i++)
            {
                var name = "$kind" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? name : ", " + name);
                command.Parameters.AddWithValue(name, kinds[i]);
            }

            sql.Append(')');
        }

        sql.Append(query.NewestFirst ? " ORDER BY seq DESC" : " ORDER BY seq").Append(" LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        var entries = (await StoredDocuments.ReadAllAsync<TimelineEntry>(command, cancellationToken).ConfigureAwait(false)).ToList();
        return TimelinePages.Of(entries, query.PageSize);
    }

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    private sealed record TimelineRow(string EntryId, long AtTicks, string Kind, string Document);

    /// <summary>One grain save's entries: inserted in the writer's batch, answered with how many were new.</summary>
    private sealed class TimelineAppend(string patientId, TimelineRow[] rows) : GroupCommitChange<PreparedStatements, int>(CancellationToken.None)
    {
        private const string InsertSql = """
            INSERT INTO timeline_entries (patient_id, entry_id, at_ticks, kind, document)
            VALUES ($patient, $entry, $at, $kind, $document)
            ON CONFLICT (patient_id, entry_id) DO NOTHING;
            """;

        protected override int Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var added = 0;
            foreach (var row in rows)
            {
                var command = session.Command(InsertSql, transaction);
                command.Parameters.AddWithValue("$patient", patientId);
                command.Parameters.AddWithValue("$entry", row.EntryId);
                command.Parameters.AddWithValue("$at", row.AtTicks);
                command.Parameters.AddWithValue("$kind", row.Kind);
                command.Parameters.AddWithValue("$document", row.Document);
                added += command.ExecuteNonQuery();
            }

            return added;
        }

        protected override Exception NotWritten(Exception cause) => new IOException($"The timeline entries were not appended: {cause.Message}", cause);
    }
}
