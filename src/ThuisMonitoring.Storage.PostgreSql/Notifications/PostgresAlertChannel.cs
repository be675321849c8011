using System.Text.Json;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>One alert push for the consoles of every host: which push (<c>alertChanged</c> or <c>alertReEscalated</c>), from which host, the alert.</summary>
public sealed record AlertBroadcast(string Origin, string Method, Alert Alert);

/// <summary>
/// The cluster's alert backplane on PostgreSQL LISTEN/NOTIFY (channel <c>thuismonitoring_alerts</c>): the host whose
/// silo changed an alert notifies, every host listens and pushes it to its own consoles. PostgreSQL is there anyway
/// in cluster mode, a notification reaches every listening session within milliseconds, and it is delivered only
/// when the sender's transaction (here: the statement) commits. Notifications are not durable: a host that was
/// disconnected misses them, as a console does while offline, and catches up by re-reading the alert list. The channel
/// itself is <see cref="PostgresNotifications"/>.
/// </summary>
public sealed class PostgresAlertChannel(PostgresNotifications notifications)
{
    public const string Channel = "thuismonitoring_alerts";

    public Task PublishAsync(AlertBroadcast broadcast, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(broadcast, StoredJson.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > PostgresNotifications.MaxPayloadBytes)
        {
            // Calls and notes make an alert long: send it without its call history (the consoles re-read it when opened).
            payload = JsonSerializer.Serialize(broadcast with { Alert = broadcast.Alert with { Calls = [], LatestFindings = [] } }, StoredJson.Options);
        }

        return notifications.PublishAsync(Channel, payload, cancellationToken);
    }

    /// <summary>Listens until cancelled, handing every broadcast to <paramref name="received"/>; reconnects after a lost connection.</summary>
    public Task ListenAsync(Func<AlertBroadcast, Task> received, CancellationToken cancellationToken) =>
        notifications.ListenAsync(
            Channel,
            payload => JsonSerializer.Deserialize<AlertBroadcast>(payload, StoredJson.Options) is { } broadcast ? received(broadcast) : Task.CompletedTask,
            cancellationToken);
}
