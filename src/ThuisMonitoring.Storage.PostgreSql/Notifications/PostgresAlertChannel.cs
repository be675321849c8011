using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>One alert push for the consoles of every host: which push (<c>alertChanged</c> or <c>alertReEscalated</c>), from which host, the alert.</summary>
public sealed record AlertBroadcast(string Origin, string Method, Alert Alert);

/// <summary>
/// The cluster's alert backplane on PostgreSQL LISTEN/NOTIFY (channel <c>thuismonitoring_alerts</c>): the host whose
/// silo changed an alert notifies, every host listens and pushes it to its own consoles. PostgreSQL is there anyway
/// in cluster mode, a notification reaches every listening session within milliseconds, and it is delivered only
/// when the sender's transaction (here: the statement) commits. Notifications are not durable: a host that was
/// disconnected misses them, as a console does while offline, and catches up by re-reading the alert list.
/// </summary>
public sealed class PostgresAlertChannel(PostgresDatabase database, ILogger<PostgresAlertChannel> logger)
{
    public const string Channel = "thuismonitoring_alerts";

    // PostgreSQL refuses a payload of 8000 bytes or more.
    private const int MaxPayload = 7900;

    public async Task PublishAsync(AlertBroadcast broadcast, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(broadcast, StoredJson.Options);
        if (System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayload)
        {
            // Calls and notes make an alert long: send it without its call history (the consoles re-read it when opened).
            payload = JsonSerializer.Serialize(broadcast with { Alert = broadcast.Alert with { Calls = [], LatestFindings = [] } }, StoredJson.Options);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Listens until cancelled, handing every broadcast to <paramref name="received"/>; reconnects after a lost connection.</summary>
    public async Task ListenAsync(Func<AlertBroadcast, Task> received, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
                connection.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                logger.LogInformation("Listening for alerts of other hosts on PostgreSQL channel {Channel}", Channel);
                var handler = Task.Run(() => HandleAsync(pending.Reader, received, cancellationToken), cancellationToken);
                try
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(cancellationToken);
                    }
                }
                finally
                {
                    pending.Writer.TryComplete();
                    await handler;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(exception, "Alert channel lost; listening again in 2 s (consoles of this host miss other hosts' alerts until then)");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task HandleAsync(System.Threading.Channels.ChannelReader<string> payloads, Func<AlertBroadcast, Task> received, CancellationToken cancellationToken)
    {
        await foreach (var payload in payloads.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (JsonSerializer.Deserialize<AlertBroadcast>(payload, StoredJson.Options) is { } broadcast)
                {
                    await received(broadcast);
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or IOException)
            {
                logger.LogWarning(exception, "An alert broadcast could not be handled");
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
