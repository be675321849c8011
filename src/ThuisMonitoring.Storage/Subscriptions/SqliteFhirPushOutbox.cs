using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Subscriptions;

/// <summary>
/// The durable <see cref="IFhirPushOutbox"/> in the directory file, run like <see cref="Notifications.SqliteNotificationOutbox"/>:
/// enqueued (committed) when the Flag changes, delivered and retried by the FHIR adapter, kept until delivered across restarts.
/// </summary>
internal sealed class SqliteFhirPushOutbox : IFhirPushOutbox
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteFhirPushOutbox> _logger;
    private readonly SemaphoreSlim _enqueued = new(0, 1);

    public SqliteFhirPushOutbox(SqliteDatabase database, TimeProvider clock, ILogger<SqliteFhirPushOutbox> logger)
    {
        _database = database;
        _clock = clock;
        _logger = logger;
        _database.EnsureSchema(FhirSubscriptionSchema.Sql);
    }

    public async Task EnqueueAsync(FhirPush push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(push);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO fhir_push_outbox (notification_id, enqueued_at_ticks, document) VALUES ($id, $enqueuedAt, $document)
            ON CONFLICT (notification_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", push.NotificationId);
        command.Parameters.AddWithValue("$enqueuedAt", SqliteValues.Ticks(_clock.GetUtcNow()));
        command.Parameters.AddWithValue("$document", StoredJson.Serialize(push));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            _logger.LogInformation("FHIR push {NotificationId} ({ResourceType}/{ResourceId}, patient {PatientId}) queued for subscription {SubscriptionId}",
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

    public async Task<IReadOnlyList<PendingFhirPush>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT document, attempts FROM fhir_push_outbox
            WHERE delivered_at_ticks IS NULL AND next_attempt_ticks <= $now
            ORDER BY sequence LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", SqliteValues.Ticks(now));
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<PendingFhirPush>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            due.Add(new PendingFhirPush(StoredJson.Deserialize<FhirPush>(reader.GetString(0)), reader.GetInt32(1)));
        }

        return due;
    }

    public Task MarkDeliveredAsync(string notificationId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE fhir_push_outbox SET delivered_at_ticks = $at, attempts = attempts + 1, last_error = NULL
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """, notificationId, ("$at", SqliteValues.Ticks(at)), cancellationToken);

    public Task MarkFailedAsync(string notificationId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE fhir_push_outbox SET attempts = attempts + 1, last_error = $error, next_attempt_ticks = $at
            WHERE notification_id = $id AND delivered_at_ticks IS NULL;
            """, notificationId, ("$at", SqliteValues.Ticks(nextAttempt)), cancellationToken, error.Length > 2000 ? error[..2000] : error);

    public Task<bool> WaitForEnqueuedAsync(TimeSpan timeout, CancellationToken cancellationToken) => _enqueued.WaitAsync(timeout, cancellationToken);

    private async Task ExecuteAsync(string sql, string notificationId, (string Name, long Value) at, CancellationToken cancellationToken, string? error = null)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", notificationId);
        command.Parameters.AddWithValue(at.Name, at.Value);
        if (error is not null)
        {
            command.Parameters.AddWithValue("$error", error);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
