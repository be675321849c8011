using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>One changed overview summary for the consoles of every host: from which host, which patient.</summary>
public sealed record PatientSummaryBroadcast(string Origin, string PatientId);

/// <summary>
/// The cluster's overview backplane on PostgreSQL LISTEN/NOTIFY (channel <c>thuismonitoring_patients</c>), beside the
/// alert channel (<see cref="PostgresAlertChannel"/>): the host whose silo saved a patient notifies the patient id, every
/// other host reads the summary from the shared read model and pushes it to its own consoles. Not durable: a host
/// that was disconnected misses changes, as a console does while offline, and catches up by re-reading the list.
/// </summary>
public sealed class PostgresPatientChannel(PostgresDatabase database, ILogger<PostgresPatientChannel> logger)
{
    public const string Channel = "thuismonitoring_patients";

    public async Task PublishAsync(PatientSummaryBroadcast broadcast, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(broadcast, StoredJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Listens until cancelled, handing every broadcast to <paramref name="received"/>; reconnects after a lost connection.</summary>
    public async Task ListenAsync(Func<PatientSummaryBroadcast, Task> received, CancellationToken cancellationToken)
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

                logger.LogInformation("Listening for overview changes of other hosts on PostgreSQL channel {Channel}", Channel);
                var handler = Task.Run(() => HandleAsync(pending.Reader, received), cancellationToken);
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
                logger.LogWarning(exception, "Overview channel lost; listening again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task HandleAsync(System.Threading.Channels.ChannelReader<string> payloads, Func<PatientSummaryBroadcast, Task> received)
    {
        await foreach (var payload in payloads.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (JsonSerializer.Deserialize<PatientSummaryBroadcast>(payload, StoredJson.Options) is { } broadcast)
                {
                    await received(broadcast);
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or IOException or NpgsqlException)
            {
                logger.LogWarning(exception, "An overview broadcast could not be handled");
            }
        }
    }
}
