using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Live inbox of warm handovers: when a handover is requested or decided, <c>careHandoverChanged(CareHandoverDto)</c>
/// goes to the consoles of its receiver (who reads the summary before seeing the patient, as
/// <c>GET /api/patients/{id}/handover/{handoverId}</c> allows) and of its sender, nobody else. Audited like an alert
/// push (actor <c>system</c>, channel <c>hub</c>, the patient's organisation). A failed push never fails the handover:
/// the inbox also loads on every visit and reconnect. These are this host's consoles; in cluster mode the other hosts
/// are told too (<see cref="ICareHandoverPush"/>).
/// </summary>
public sealed class CareHandoverPush(IHubContext<AlertHub> hub, AlertAudience audience, AuditRecorder audit, ILogger<CareHandoverPush> logger) : ICareHandoverPush
{
    public async Task ChangedAsync(CareHandoverDto handover, string? organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handover);
        var connections = audience.OfUsers(handover.From, handover.To);
        if (connections.Count == 0)
        {
            return;
        }

        try
        {
            await audit.RecordSystemAsync(organisation, handover.PatientId, AuditResources.CareHandover, AuditActions.Read, AuditChannels.Hub, AuditPurposes.Care);
            await hub.Clients.Clients(connections).SendAsync(AlertHub.CareHandoverChanged, handover, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogWarning(exception, "Handover {HandoverId} of patient {PatientId} not pushed to the consoles", handover.HandoverId, handover.PatientId);
        }
    }
}
