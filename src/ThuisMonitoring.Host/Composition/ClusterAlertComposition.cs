using Microsoft.Extensions.DependencyInjection.Extensions;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Storage.PostgreSql.Notifications;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// In cluster mode a console on any host sees every alert: the host whose silo changed an alert pushes it to its own
/// consoles and broadcasts it on the cluster's PostgreSQL channel (<see cref="PostgresAlertChannel"/>); every other
/// host pushes what it hears to its consoles. Nothing of this in the single-host default.
/// </summary>
public static class ClusterAlertComposition
{
    public static void AddClusterAlerts(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (site.Cluster.Provider != ClusterProvider.PostgreSql)
        {
            return;
        }

        var origin = Guid.NewGuid().ToString("N");
        builder.Services.TryAddSingleton<PostgresNotifications>();
        builder.Services.AddSingleton<PostgresAlertChannel>();
        builder.Services.AddSingleton<SignalRAlertNotifier>();
        builder.Services.Decorate<IAlertNotifier>((sp, inner) => new BroadcastingAlertNotifier(inner, sp.GetRequiredService<PostgresAlertChannel>(), origin, sp.GetRequiredService<ILogger<BroadcastingAlertNotifier>>()));
        builder.Services.AddHostedService(sp => new AlertBroadcastListener(sp.GetRequiredService<PostgresAlertChannel>(), sp.GetRequiredService<SignalRAlertNotifier>(), origin));
    }
}

/// <summary>Pushes to this host's consoles, then tells the other hosts (a failed broadcast is logged; the local push stands).</summary>
internal sealed class BroadcastingAlertNotifier(IAlertNotifier local, PostgresAlertChannel channel, string origin, ILogger<BroadcastingAlertNotifier> logger) : IAlertNotifier
{
    public async Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken)
    {
        await local.AlertChangedAsync(alert, cancellationToken);
        await BroadcastAsync(AlertHub.AlertChanged, alert, cancellationToken);
    }

    public async Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken)
    {
        await local.AlertReEscalatedAsync(alert, cancellationToken);
        await BroadcastAsync(AlertHub.AlertReEscalated, alert, cancellationToken);
    }

    private async Task BroadcastAsync(string method, Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            await channel.PublishAsync(new AlertBroadcast(origin, method, alert), cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
        {
            logger.LogError(exception, "Alert {AlertId} not broadcast to the other hosts' consoles", alert.AlertId);
        }
    }
}

/// <summary>Hears the other hosts' alert pushes and pushes them to this host's consoles.</summary>
internal sealed class AlertBroadcastListener(PostgresAlertChannel channel, SignalRAlertNotifier consoles, string origin) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        channel.ListenAsync(broadcast => broadcast.Origin == origin
            ? Task.CompletedTask
            : broadcast.Method == AlertHub.AlertReEscalated
                ? consoles.AlertReEscalatedAsync(broadcast.Alert, stoppingToken)
                : consoles.AlertChangedAsync(broadcast.Alert, stoppingToken), stoppingToken);
}
