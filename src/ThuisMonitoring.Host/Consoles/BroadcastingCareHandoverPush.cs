using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Consoles;

/// <summary>
/// In cluster mode: pushes a handover to this host's consoles, then tells the other hosts (<see cref="ConsoleBroadcast.Handover"/>:
/// the id only; each reads the handover from the shared register, so no size limit applies). A failed broadcast is
/// logged and never fails the handover: the receiver's inbox also loads on every visit and reconnect.
/// </summary>
public sealed class BroadcastingCareHandoverPush(ICareHandoverPush local, ConsoleChannel channel, ILogger<BroadcastingCareHandoverPush> logger) : ICareHandoverPush
{
    public async Task ChangedAsync(CareHandoverDto handover, string? organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        await local.ChangedAsync(handover, organisation, cancellationToken);
        try
        {
            await channel.PublishAsync(new ConsoleBroadcast(channel.Origin, ConsoleBroadcast.Handover, HandoverId: handover.HandoverId), cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            logger.LogError(exception, "Handover {HandoverId} of patient {PatientId} not broadcast to the other hosts' consoles", handover.HandoverId, handover.PatientId);
        }
    }
}
