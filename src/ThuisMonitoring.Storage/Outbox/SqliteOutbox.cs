using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Outbox;

/// <summary>
/// The mechanics every outbox in the directory file shares, whatever it carries: a row per notification id (enqueueing
/// the same id again is ignored), offered oldest first once its next attempt is due, kept after delivery with when, or
/// marked failed with the time of the next attempt. One host drains it, so nothing is claimed. The table has the shape
/// of <c>notification_outbox</c> (<see cref="Notifications.NotificationOutboxSchema"/>); its owner ensures it.
/// </summary>
internal sealed class SqliteOutbox<TDocument>
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly string _table;
    private readonly Action<TDocument> _queued;
    private readonly OutboxSignal _enqueued = new();

    /// <param name="database">The directory file that holds the table.</param>
    /// <param name="clock">Stamps when a row was enqueued.</param>
    /// <param name="table">The outbox table; a name from code, never from input.</param>
    /// <param name="queued">Called (to log) when a document is queued, before the deliverer is woken.</param>
    public SqliteOutbox(SqliteDatabase database, TimeProvider clock, string table, Action<TDocument> queued)
    {
        _database = database;
        _clock = clock;
        _table = table;
        _queued = queued;
    }

    public async Task EnqueueAsync(string notificationId, TDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {_table} (notification_id, enqueued_at_ticks, document) VALUES ($id, $enqueuedAt, $document)
            ON CONFLICT (notification_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue("$enqueuedAt", SqliteValues.Ticks(_clock.GetUtcNow()));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(document));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            _queued(document);
            _enqueued.Signal();
        }
    }

    /// <summary>Undelivered rows whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry<TDocument>>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT document, attempts, last_error FROM {_table}
            WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= $now
            ORDER BY sequence LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", SqliteValues.Ticks(now));
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<OutboxEntry<TDocument>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new OutboxEntry<TDocument>(
                StoredJson.Deserialize<TDocument>(reader.GetString(0)),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return due;
    }

    /// <summary>How many rows are not delivered yet (due or waiting for a retry).</summary>
    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {_table} WHERE delivered_at_ticks IS NULL;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Delivered: the row is not offered again.</summary>
    public async Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE {_table} SET delivered_at_ticks = $at, attempts = attempts + 1, last_error = NULL
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue("$at", SqliteValues.Ticks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivering failed; the row is offered again from <paramref name="nextAttempt"/>.</summary>
    public async Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        var kept = OutboxError.Clip(error);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE {_table} SET attempts = attempts + 1, last_error = $error, next_attempt_ticks = $next
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue("$error", kept);
        command.Parameters.AddWithValue("$next", SqliteValues.Ticks(nextAttempt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when something was enqueued on this host, false after <paramref name="timeout"/> without.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _enqueued.WaitAsync(timeout, cancellationToken);
}
