using Microsoft.Extensions.DependencyInjection.Extensions;
using ThuisMonitoring.Host.Consoles;
using ThuisMonitoring.Storage.PostgreSql.Notifications;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// In cluster mode the consoles of every host are one audience: nurses on shift count the consoles open on any host
/// (<see cref="ClusterConsolePresence"/>), and a handover reaches its sender's and receiver's consoles whichever host
/// they are connected to (<see cref="BroadcastingCareHandoverPush"/>), over the same PostgreSQL backplane as the alerts
/// (<see cref="ConsoleChannel"/>, <see cref="ConsoleBackplane"/>). Nothing of this in the single-host default.
/// </summary>
public static class ClusterConsoleComposition
{
    public static void AddClusterConsoles(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (site.Cluster.Provider != ClusterProvider.PostgreSql)
        {
            return;
        }

        builder.Services.TryAddSingleton<PostgresNotifications>();
        builder.Services.AddSingleton<ConsoleChannel>();
        builder.Services.AddSingleton(sp => new ClusterConsolePresence(ActivatorUtilities.CreateInstance<LocalConsolePresence>(sp), TimeProvider.System));
        builder.Services.Decorate<IConsolePresence>((sp, _) => sp.GetRequiredService<ClusterConsolePresence>());
        builder.Services.Decorate<ICareHandoverPush>((sp, inner) =>
            new BroadcastingCareHandoverPush(inner, sp.GetRequiredService<ConsoleChannel>(), sp.GetRequiredService<ILogger<BroadcastingCareHandoverPush>>()));
        builder.Services.AddHostedService<ConsoleBackplane>();
    }
}
