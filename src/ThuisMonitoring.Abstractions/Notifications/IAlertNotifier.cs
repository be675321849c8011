using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Abstractions.Notifications;

/// <summary>Pushes alert changes to the consoles (SignalR in the host).</summary>
public interface IAlertNotifier
{
    Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>An alert waited unclaimed too long and is raised again: every console shows it prominently.</summary>
    Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken);
}
