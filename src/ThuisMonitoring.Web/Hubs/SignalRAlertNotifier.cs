using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Pushes every alert change to the consoles whose user may see the patient (<see cref="AlertAudience"/>). Each push is audited once
/// (channel <c>hub</c>, actor <c>system</c>, the patient's organisation) before it is sent; who received it are the
/// consoles whose <c>alert-stream</c> records show them connected. A push whose record cannot be written is still
/// sent (an urgent alert must reach the centre) and the failure is logged as an error.
/// </summary>
public sealed class SignalRAlertNotifier(
    IHubContext<AlertHub> hub, AlertPresenter presenter, IPatientDirectory directory, PatientAccess access, AlertAudience audience,
    AuditRecorder audit, ILogger<SignalRAlertNotifier> logger) : IAlertNotifier
{
    public Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken) =>
        SendAsync(AlertHub.AlertChanged, alert, cancellationToken);

    public Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken) =>
        SendAsync(AlertHub.AlertReEscalated, alert, cancellationToken);

    private async Task SendAsync(string method, Alert alert, CancellationToken cancellationToken)
    {
        // Read fresh, not from the presenter's cache: a handover changes who is responsible.
        var patient = await directory.GetAsync(alert.PatientId, cancellationToken);
        var dto = await presenter.PresentAsync(alert, cancellationToken);
        var connections = audience.Of(patient, await access.RegionAsync(cancellationToken));
        try
        {
            await audit.RecordSystemAsync(patient?.Organisation, alert.PatientId, AuditResources.Alert, AuditActions.Read, AuditChannels.Hub, AuditPurposes.Care);
        }
        catch (IOException exception)
        {
            logger.LogError(exception, "Audit trail not written for the push of alert {AlertId} (patient {PatientId}); pushed anyway", alert.AlertId, alert.PatientId);
        }

        if (connections.Count > 0)
        {
            await hub.Clients.Clients(connections).SendAsync(method, dto, cancellationToken);
        }
    }
}
