using System.Text.Json;
using ThuisMonitoring.Storage.PostgreSql.Notifications;

namespace ThuisMonitoring.Host.Consoles;

/// <summary>
/// The cluster's channel about consoles on PostgreSQL LISTEN/NOTIFY (<c>thuismonitoring_consoles</c>), beside the alert
/// channel (<see cref="PostgresAlertChannel"/>): the same backplane, so presence and handover pushes reach every host the
/// way alerts do. <see cref="Origin"/> tells this host's own messages apart (a process, not a machine: a restarted host
/// is a new origin).
/// </summary>
public sealed class ConsoleChannel(PostgresNotifications notifications)
{
    public const string Name = "thuismonitoring_consoles";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Origin { get; } = Guid.NewGuid().ToString("N");

    public Task PublishAsync(ConsoleBroadcast broadcast, CancellationToken cancellationToken) =>
        notifications.PublishAsync(Name, Serialize(broadcast), cancellationToken);

    public static string Serialize(ConsoleBroadcast broadcast) => JsonSerializer.Serialize(broadcast, Json);

    /// <summary>Hands every message of the other hosts to <paramref name="received"/>; <paramref name="listening"/> after every (re)connect.</summary>
    public Task ListenAsync(Func<ConsoleBroadcast, Task> received, Func<Task> listening, CancellationToken cancellationToken) =>
        notifications.ListenAsync(
            Name,
            payload => JsonSerializer.Deserialize<ConsoleBroadcast>(payload, Json) is { } broadcast && broadcast.Origin != Origin
                ? received(broadcast)
                : Task.CompletedTask,
            cancellationToken,
            listening);
}
