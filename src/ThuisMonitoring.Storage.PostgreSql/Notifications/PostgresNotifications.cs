using Microsoft.Extensions.Logging;
using Npgsql;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>
/// The cluster's backplane on PostgreSQL LISTEN/NOTIFY, one channel per kind of message (alerts, consoles): a host
/// notifies, every host listening on the channel hears it within milliseconds, delivered when the sender's statement
/// commits. Not durable: a host that was disconnected misses what was sent meanwhile, so whoever listens must be able
/// to catch up (<c>listening</c> is called after every (re)connect for that).
/// </summary>
public sealed class PostgresNotifications(PostgresDatabase database, ILogger<PostgresNotifications> logger)
{
    /// <summary>PostgreSQL refuses a payload of 8000 bytes or more; senders keep below this.</summary>
    public const int MaxPayloadBytes = 7900;

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Listens on <paramref name="channel"/> until cancelled, handing every payload to <paramref name="received"/> in
    /// order; reconnects 2 s after a lost connection and calls <paramref name="listening"/> each time it listens (again),
    /// <paramref name="lost"/> each time it stopped listening (connection lost, or found dead by the heartbeat).
    /// </summary>
    public async Task ListenAsync(
        string channel, Func<string, Task> received, CancellationToken cancellationToken, Func<Task>? listening = null, Action? lost = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
                connection.Notification += (_, e) => pending.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                logger.LogInformation("Listening to the other hosts on PostgreSQL channel {Channel}", channel);
                var handler = Task.Run(() => HandleAsync(channel, pending.Reader, received, cancellationToken), cancellationToken);
                try
                {
                    if (listening is not null)
                    {
                        await listening();
                    }

                    while (!cancellationToken.IsCancellationRequested)
                    {
                        if (!await connection.WaitAsync(Heartbeat, cancellationToken))
                        {
                            // Quiet for a while: make sure the connection is still there, or the catch below takes over.
                            await using var ping = new NpgsqlCommand("SELECT 1", connection);
                            await ping.ExecuteScalarAsync(cancellationToken);
                        }
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
                logger.LogWarning(exception, "PostgreSQL channel {Channel} lost; listening again in 2 s (this host misses the other hosts' messages until then)", channel);
                lost?.Invoke();
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task HandleAsync(string channel, System.Threading.Channels.ChannelReader<string> payloads, Func<string, Task> received, CancellationToken cancellationToken)
    {
        await foreach (var payload in payloads.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await received(payload);
            }
            catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or IOException or NpgsqlException)
            {
                logger.LogWarning(exception, "A message on PostgreSQL channel {Channel} could not be handled", channel);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
