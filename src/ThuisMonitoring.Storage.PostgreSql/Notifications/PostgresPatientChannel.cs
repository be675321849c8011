using System.Text.Json;

namespace ThuisMonitoring.Storage.PostgreSql.Notifications;

/// <summary>One changed overview summary for the consoles of every host: from which host, which patient.</summary>
public sealed record PatientSummaryBroadcast(string Origin, string PatientId);

/// <summary>
/// The cluster's overview channel (<c>thuismonitoring_patients</c>) on the PostgreSQL backplane
/// (<see cref="PostgresNotifications"/>), beside the alert channel (<see cref="PostgresAlertChannel"/>): the host whose
/// silo saved a patient notifies the patient id, every other host reads the summary from the shared read model and
/// pushes it to its own consoles. Not durable: a host that was disconnected misses changes, as a console does while
/// offline, and catches up by re-reading the list.
/// </summary>
public sealed class PostgresPatientChannel(PostgresNotifications notifications)
{
    public const string Channel = "thuismonitoring_patients";

    public Task PublishAsync(PatientSummaryBroadcast broadcast, CancellationToken cancellationToken) =>
        notifications.PublishAsync(Channel, JsonSerializer.Serialize(broadcast, StoredJson.Options), cancellationToken);

    /// <summary>Listens until cancelled, handing every broadcast to <paramref name="received"/>; reconnects after a lost connection.</summary>
    public Task ListenAsync(Func<PatientSummaryBroadcast, Task> received, CancellationToken cancellationToken) =>
        notifications.ListenAsync(
            Channel,
            payload => JsonSerializer.Deserialize<PatientSummaryBroadcast>(payload, StoredJson.Options) is { } broadcast ? received(broadcast) : Task.CompletedTask,
            cancellationToken);
}
