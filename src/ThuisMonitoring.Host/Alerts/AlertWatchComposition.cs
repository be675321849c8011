namespace ThuisMonitoring.Host.Alerts;

public static class AlertWatchComposition
{
    /// <summary>The re-escalation watch over unclaimed alerts (<c>Alerts:WatchIntervalSeconds</c>).</summary>
    public static void AddAlertWatch(this WebApplicationBuilder builder) =>
        builder.Services.AddHostedService<AlertWatch>();
}
