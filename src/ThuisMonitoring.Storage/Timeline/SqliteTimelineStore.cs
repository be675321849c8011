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

    public SqliteTimelineStore(EmbeddedStoreOptions options, ILogger<SqliteTimelineStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options.PathOf(FileName));
        _logger = logger;
        _database.EnsureSchema(Schema);
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

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO timeline_entries (patient_id, entry_id, at_ticks, kind, document)
            VALUES ($patient, $entry, $at, $kind, $document)
            ON CONFLICT (patient_id, entry_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$patient", patientId);
        var entry = command.Parameters.Add("$entry", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Integer);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var document = command.Parameters.Add("$document", SqliteType.Text);
        var added = 0;
        foreach (var item in entries)
        {
            entry.Value = item.EntryId;
            at.Value = SqliteValues.Ticks(item.At);
            kind.Value = item.Kind;
            document.Value = StoredJson.Serialize(item);
            added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
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

    public void Dispose() => _database.Dispose();
}
