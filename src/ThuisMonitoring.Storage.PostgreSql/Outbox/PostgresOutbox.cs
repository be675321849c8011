using Npgsql;
using ThuisMonitoring.Storage.Outbox;

namespace ThuisMonitoring.Storage.PostgreSql.Outbox;

/// <summary>
/// The mechanics every cluster outbox shares, whatever it carries: every host enqueues into it and every host drains
/// it. A host claims what it is about to deliver (<c>FOR UPDATE SKIP LOCKED</c>, so two hosts polling at once take
/// different rows) until the claim lifetime has passed; marking the outcome ends the claim. A host that dies
/// mid-delivery leaves its claim to run out, and another host delivers (at least once: receivers deduplicate on the
/// notification id). The table has the shape of <c>notification_outbox</c> (Schema/003).
/// </summary>
internal sealed class PostgresOutbox<TDocument> : IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeProvider _clock;
    private readonly string _table;
    private readonly TimeSpan _claimLifetime;
    private readonly Action<TDocument> _queued;
    private readonly OutboxSignal _enqueued = new();

    /// <param name="database">The cluster database that holds the table.</param>
    /// <param name="clock">Stamps when a row was enqueued.</param>
    /// <param name="table">The outbox table; a name from code, never from input.</param>
    /// <param name="claimLifetime">Longer than a delivery with its in-process retries takes.</param>
    /// <param name="queued">Called (to log) when a document is queued, before this host's deliverer is woken.</param>
    public PostgresOutbox(PostgresDatabase database, TimeProvider clock, string table, TimeSpan claimLifetime, Action<TDocument> queued)
    {
        _database = database;
        _clock = clock;
        _table = table;
        _claimLifetime = claimLifetime;
        _queued = queued;
    }

    public async Task EnqueueAsync(string notificationId, string patientId, TDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {_table} (notification_id, patient_id, enqueued_at_ticks, document) VALUES (@id, @patient, @enqueuedAt, @document)
            ON CONFLICT (notification_id) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("patient", patientId);
        command.Parameters.AddWithValue("enqueuedAt", _clock.GetUtcNow().UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", document));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            _queued(document);
            _enqueued.Signal();
        }
    }

    /// <summary>Claims and returns the due rows no other host holds, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry<TDocument>>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            WITH due AS (
                SELECT sequence FROM {_table}
                WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= @now AND claimed_until_ticks <= @now
                ORDER BY sequence
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE {_table} o SET claimed_until_ticks = @claimedUntil
            FROM due WHERE o.sequence = due.sequence
            RETURNING o.sequence, o.document, o.attempts, o.last_error
            """, connection);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("claimedUntil", (now + _claimLifetime).UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<(long Sequence, OutboxEntry<TDocument> Entry)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add((reader.GetInt64(0), new OutboxEntry<TDocument>(
                StoredJson.Deserialize<TDocument>(reader.GetString(1)),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3))));
        }

        // UPDATE ... RETURNING keeps no order; deliverers deliver oldest first.
        return [.. due.OrderBy(d => d.Sequence).Select(d => d.Entry)];
    }

    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {_table} WHERE delivered_at_ticks IS NULL", connection);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            UPDATE {_table} SET delivered_at_ticks = @at, attempts = attempts + 1, last_error = NULL, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("at", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        var kept = OutboxError.Clip(error);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            UPDATE {_table} SET attempts = attempts + 1, last_error = @error, next_attempt_ticks = @next, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("error", kept);
        command.Parameters.AddWithValue("next", nextAttempt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes on enqueues of this host; those of other hosts are found at the deliverer's next poll.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _enqueued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _enqueued.Dispose();
}
