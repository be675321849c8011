using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Pushes every alert change to the centre and to the patient's responsible clinician. Each push is audited once
/// (channel <c>hub</c>, actor <c>system</c>, the patient's organisation) before it is sent; who received it are the
/// consoles whose <c>alert-stream</c> records show them connected. A push whose record cannot be written is still
/// sent (an urgent alert must reach the centre) and the failure is logged as an error.
/// </summary>
public sealed class SignalRAlertNotifier(IHubContext<AlertHub> hub, AlertPresenter presenter, AuditRecorder audit, ILogger<SignalRAlertNotifier> logger) : IAlertNotifier
{
    public Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken) =>
        SendAsync(AlertHub.AlertChanged, alert, cancellationToken);

    public Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken) =>
        SendAsync(AlertHub.AlertReEscalated, alert, cancellationToken);

    private async Task SendAsync(string method, Alert alert, CancellationToken cancellationToken)
    {
        var patient = await presenter.FindPatientAsync(alert.PatientId, cancellationToken);
        var dto = await presenter.PresentAsync(alert, cancellationToken);
        var groups = patient is null
            ? new[] { AlertHub.CentreGroup }
            : [AlertHub.CentreGroup, AlertHub.ClinicianGroup(patient.ResponsibleClinician)];
        try
        {
            await audit.RecordSystemAsync(patient?.Organisation, alert.PatientId, AuditResources.Alert, AuditActions.Read, AuditChannels.Hub, AuditPurposes.Care);
        }
        catch (IOException exception)
        {
            logger.LogError(exception, "Audit trail not written for the push of alert {AlertId} (patient {PatientId}); pushed anyway", alert.AlertId, alert.PatientId);
        }

        await hub.Clients.Groups(groups).SendAsync(method, dto, cancellationToken);
    }
}
