using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Storage.Timeline;

namespace ThuisMonitoring.Storage.PostgreSql.Timeline;

/// <summary>
/// The patients' timelines in the cluster's database (table <c>timeline_entries</c>, schema 009): one row per entry in
/// append order (<c>seq</c>), the entry as json (as written: jsonb would reorder the keys of its details); an entry id is unique per patient, so a repeated append inserts nothing.
/// </summary>
internal sealed class PostgresTimelineStore(PostgresDatabase database, ILogger<PostgresTimelineStore> logger) : ITimelineStore
{
    public async Task AppendAsync(string patientId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO timeline_entries (patient_id, entry_id, at_ticks, kind, document)
            VALUES (@patient, @entry, @at, @kind, @document)
            ON CONFLICT (patient_id, entry_id) DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("patient", patientId);
        var entry = command.Parameters.Add("entry", NpgsqlDbType.Text);
        var at = command.Parameters.Add("at", NpgsqlDbType.Bigint);
        var kind = command.Parameters.Add("kind", NpgsqlDbType.Text);
        var document = command.Parameters.Add("document", NpgsqlDbType.Json);
        var added = 0;
        foreach (var item in entries)
        {
            entry.Value = item.EntryId;
            at.Value = item.At.UtcTicks;
            kind.Value = item.Kind;
            document.Value = StoredJson.Serialize(item);
            added += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        logger.LogDebug("Timeline of patient {PatientId}: {Added} of {Count} entries appended", patientId, added, entries.Count);
    }

    public async Task<TimelinePage> ReadAsync(string patientId, TimelineQuery query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        var sql = new StringBuilder("SELECT document FROM timeline_entries WHERE patient_id = @patient");
        command.Parameters.AddWithValue("patient", patientId);
        if (query.After is { } after)
        {
            sql.Append(query.NewestFirst ? " AND seq < " : " AND seq > ")
                .Append("(SELECT seq FROM timeline_entries WHERE patient_id = @patient AND entry_id = @after)");
            command.Parameters.AddWithValue("after", after);
        }

        if (query.Kinds is { Count: > 0 } kinds)
        {
            sql.Append(" AND kind = ANY(@kinds)");
            command.Parameters.AddWithValue("kinds", kinds.ToArray());
        }

        sql.Append(query.NewestFirst ? " ORDER BY seq DESC" : " ORDER BY seq").Append(" LIMIT @limit");
        command.Parameters.AddWithValue("limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        var entries = (await PostgresDocuments.ReadAllAsync<TimelineEntry>(command, cancellationToken).ConfigureAwait(false)).ToList();
        return TimelinePages.Of(entries, query.PageSize);
    }
}
