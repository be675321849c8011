using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// Tells every console that a capacity board may have changed (hub method <c>capacityChanged</c>, no payload: each
/// board reads <c>GET /api/capacity</c> again, with its own access). Sent when a console connects or leaves (nurses on
/// shift), and when an admin changes a centre's thresholds or equipment; alert changes reach the boards as
/// <c>alertChanged</c> already.
/// </summary>
public sealed class CapacityNudge(IHubContext<AlertHub> hub, ILogger<CapacityNudge> logger)
{
    public const string CapacityChanged = "capacityChanged";

    public void Changed() => _ = SendAsync();

    private async Task SendAsync()
    {
        try
        {
            await hub.Clients.All.SendAsync(CapacityChanged);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
        {
            logger.LogWarning(exception, "capacityChanged not sent; the boards catch up on their next read");
        }
    }
}
