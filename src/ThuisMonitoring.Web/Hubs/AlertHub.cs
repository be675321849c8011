using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Live alerts for the consoles at <c>/hubs/alerts</c>. Server-to-client methods: <c>alertChanged(AlertDto)</c> on every change,
/// <c>alertReEscalated(AlertDto)</c> when an unclaimed alert is raised again, <c>careHandoverChanged(CareHandoverDto)</c> to the
/// sender and the receiver of a warm handover when it is requested or decided (<see cref="CareHandoverPush"/>).
/// Each connection gets the alerts of the patients its user may see (<see cref="AlertAudience"/>, the visibility rule).
/// Joining the stream is audited (resource <c>alert-stream</c>, channel <c>hub</c>) before the connection joins the audience.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class AlertHub(HubSessions sessions, SecurityStamps stamps, AuditRecorder audit, AlertAudience audience, Capacity.CapacityNudge capacity) : Hub
{
    public const string Path = "/hubs/alerts";
    public const string AlertChanged = "alertChanged";
    public const string AlertReEscalated = "alertReEscalated";
    public const string CareHandoverChanged = "careHandoverChanged";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        // Known to revocation first (the client counts as connected before this method has run), then checked again:
        // a user disabled in between would otherwise keep this connection.
        sessions.Opened(user.Username(), Context);
        if (!await TokenRevocation.IsCurrentAsync(user, stamps, Context.ConnectionAborted))
        {
            Context.Abort();
            return;
        }

        await audit.RecordAsync(user, [], AuditResources.AlertStream, AuditActions.Read, AuditChannels.Hub, AuditPurposes.Care);
        audience.Joined(Context.ConnectionId, PatientAccess.ViewerOf(user));
        capacity.Changed(); // nurses on shift (docs/capacity.md)
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        audience.Left(Context.ConnectionId);
        sessions.Closed(Context.User!.Username(), Context);
        capacity.Changed();
        return base.OnDisconnectedAsync(exception);
    }
}
