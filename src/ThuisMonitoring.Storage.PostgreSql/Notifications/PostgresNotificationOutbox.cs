using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Storage.Notifications;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>
/// The cluster's notification outbox: every host's patient grains enqueue into it and every host's notification hook
/// drains it. A host claims what it is about to deliver (<c>FOR UPDATE SKIP LOCKED</c>, so two hosts polling at once take
/// different rows) until <see cref="ClaimLifetime"/> has passed; marking the outcome ends the claim. A host that dies
/// mid-delivery leaves its claim to run out, and another host delivers (at least once, as on one host: receivers
/// deduplicate on <c>notificationId</c>).
/// </summary>
internal sealed class PostgresNotificationOutbox(PostgresDatabase database, TimeProvider clock, ILogger<PostgresNotificationOutbox> logger)
    : INotificationOutbox, INotificationOutboxDrain, IDisposable
{
    /// <summary>Longer than a delivery with its in-process retries takes; the hook marks the outcome well before.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _enqueued = new(0, 1);

    public async Task EnqueueAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.NotificationId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO notification_outbox (notification_id, patient_id, enqueued_at_ticks, document) VALUES (@id, @patient, @enqueuedAt, @document)
            ON CONFLICT (notification_id) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("id", notification.NotificationId);
        command.Parameters.AddWithValue("patient", notification.PatientId);
        command.Parameters.AddWithValue("enqueuedAt", clock.GetUtcNow().UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", notification));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            logger.LogInformation(
                "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) queued for the hook",
                notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId);
            Signal();
        }
    }

    /// <summary>Claims and returns the due notifications no other host holds, oldest first.</summary>
    public async Task<IReadOnlyList<PendingNotification>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT sequence FROM notification_outbox
                WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= @now AND claimed_until_ticks <= @now
                ORDER BY sequence
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE notification_outbox o SET claimed_until_ticks = @claimedUntil
            FROM due WHERE o.sequence = due.sequence
            RETURNING o.sequence, o.document, o.attempts, o.last_error
            """, connection);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("claimedUntil", (now + ClaimLifetime).UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<(long Sequence, PendingNotification Pending)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add((reader.GetInt64(0), new PendingNotification(
                StoredJson.Deserialize<ClinicalNotification>(reader.GetString(1)),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3))));
        }

        // UPDATE ... RETURNING keeps no order; the hook delivers oldest first.
        return [.. due.OrderBy(d => d.Sequence).Select(d => d.Pending)];
    }

    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notification_outbox WHERE delivered_at_ticks IS NULL", connection);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE notification_outbox SET delivered_at_ticks = @at, attempts = attempts + 1, last_error = NULL, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("at", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE notification_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_ticks = @next, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
        command.Parameters.AddWithValue("next", nextAttempt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes on enqueues of this host; those of other hosts are found at the hook's next poll.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _enqueued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _enqueued.Dispose();

    private void Signal()
    {
        try
        {
            _enqueued.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }
}
