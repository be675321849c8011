using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Notifications;

/// <summary>
/// The durable <see cref="INotificationOutbox"/> in the directory file. The patient grain enqueues (committed and
/// fsync'd before it returns); the host's notification hook takes what is due, and marks each notification delivered,
/// or failed with the time of the next attempt. A notification stays until it is delivered, across restarts.
/// </summary>
public sealed class SqliteNotificationOutbox : INotificationOutbox, INotificationOutboxDrain
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteNotificationOutbox> _logger;

    // Wakes the deliverer as soon as something is enqueued, instead of at its next poll.
    private readonly SemaphoreSlim _enqueued = new(0, 1);

    internal SqliteNotificationOutbox(SqliteDatabase database, TimeProvider clock, ILogger<SqliteNotificationOutbox> logger)
    {
        _database = database;
        _clock = clock;
        _logger = logger;
        _database.EnsureSchema(NotificationOutboxSchema.Sql);
    }

    /// <summary>
    /// Stores the notification for delivery. Enqueueing the same <see cref="ClinicalNotification.NotificationId"/>
    /// again is ignored, so a retried grain step notifies once.
    /// </summary>
    public async Task EnqueueAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.NotificationId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO notification_outbox (notification_id, enqueued_at_ticks, document) VALUES ($id, $enqueuedAt, $document)
            ON CONFLICT (notification_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", notification.NotificationId);
        command.Parameters.AddWithValue("$enqueuedAt", SqliteValues.Ticks(_clock.GetUtcNow()));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(notification));
        var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (added)
        {
            _logger.LogInformation(
                "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) queued for the hook",
                notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId);
            Signal();
        }
    }

    /// <summary>Undelivered notifications whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document, attempts, last_error FROM notification_outbox
            WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= $now
            ORDER BY sequence LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", SqliteValues.Ticks(now));
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<PendingNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new PendingNotification(
                StoredJson.Deserialize<ClinicalNotification>(reader.GetString(0)),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return due;
    }

    /// <summary>How many notifications are not delivered yet (due or waiting for a retry).</summary>
    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM notification_outbox WHERE delivered_at_ticks IS NULL;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The hook took the notification; it is not offered again.</summary>
    public async Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notification_outbox SET delivered_at_ticks = $at, attempts = attempts + 1, last_error = NULL
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue("$at", SqliteValues.Ticks(at));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivering failed; the notification is offered again from <paramref name="nextAttempt"/>.</summary>
    public async Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notification_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_ticks = $next
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue("$error", error.Length > 2000 ? error[..2000] : error);
        command.Parameters.AddWithValue("$next", SqliteValues.Ticks(nextAttempt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when something was enqueued, false after <paramref name="timeout"/> without.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _enqueued.WaitAsync(timeout, cancellationToken);

    private void Signal()
    {
        try
        {
            _enqueued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the deliverer will look once and find everything queued since.
        }
    }
}
