using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Subscriptions;

namespace ThuisMonitoring.Storage.PostgreSql.Subscriptions;

/// <summary>
/// The cluster's FHIR push outbox, run like <see cref="Notifications.PostgresNotificationOutbox"/>: every host's patient
/// grains enqueue into it and every host's subscription delivery drains it. A host claims what it is about to POST
/// (<c>FOR UPDATE SKIP LOCKED</c>, so two hosts polling at once take different rows) until <see cref="ClaimLifetime"/>
/// has passed; marking the outcome ends the claim. A host that dies mid-delivery leaves its claim to run out, and another
/// host delivers (at least once, as on one host: receivers deduplicate on the notification id).
/// </summary>
internal sealed class PostgresFhirPushOutbox(PostgresDatabase database, TimeProvider clock, ILogger<PostgresFhirPushOutbox> logger) : IFhirPushOutbox, IDisposable
{
    /// <summary>Longer than an attempt with its quick retries takes; the delivery marks the outcome well before.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _enqueued = new(0, 1);

    public async Task EnqueueAsync(FhirPush push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO fhir_push_outbox (notification_id, patient_id, enqueued_at_ticks, document) VALUES (@id, @patient, @enqueuedAt, @document)
            ON CONFLICT (notification_id) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("id", push.NotificationId);
        command.Parameters.AddWithValue("patient", push.PatientId);
        command.Parameters.AddWithValue("enqueuedAt", clock.GetUtcNow().UtcTicks);
        command.Parameters.Add(PostgresDocuments.Parameter("document", push));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            logger.LogInformation("FHIR push {NotificationId} ({ResourceType}/{ResourceId}, patient {PatientId}) queued for subscription {SubscriptionId}",
                push.NotificationId, push.ResourceType, push.ResourceId, push.PatientId, push.SubscriptionId);
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

    /// <summary>Claims and returns the due pushes no other host holds, oldest first.</summary>
    public async Task<IReadOnlyList<PendingFhirPush>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT sequence FROM fhir_push_outbox
                WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= @now AND claimed_until_ticks <= @now
                ORDER BY sequence
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            UPDATE fhir_push_outbox o SET claimed_until_ticks = @claimedUntil
            FROM due WHERE o.sequence = due.sequence
            RETURNING o.sequence, o.document, o.attempts
            """, connection);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("claimedUntil", (now + ClaimLifetime).UtcTicks);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<(long Sequence, PendingFhirPush Pending)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add((reader.GetInt64(0), new PendingFhirPush(StoredJson.Deserialize<FhirPush>(reader.GetString(1)), reader.GetInt32(2))));
        }

        // UPDATE ... RETURNING keeps no order; the delivery posts oldest first.
        return [.. due.OrderBy(d => d.Sequence).Select(d => d.Pending)];
    }

    public async Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE fhir_push_outbox SET delivered_at_ticks = @at, attempts = attempts + 1, last_error = NULL, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("at", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            UPDATE fhir_push_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_ticks = @next, claimed_until_ticks = 0
            WHERE notification_id = @id AND delivered_at_ticks IS NULL
            """, connection);
        command.Parameters.AddWithValue("id", notificationId);
        command.Parameters.AddWithValue("error", error.Length > 2000 ? error[..2000] : error);
        command.Parameters.AddWithValue("next", nextAttempt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes on enqueues of this host; those of other hosts are found at the delivery's next poll.</summary>
    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) => _enqueued.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _enqueued.Dispose();
}
