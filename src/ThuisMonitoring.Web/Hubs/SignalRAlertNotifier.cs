using Microsoft.AspNetCore.SignalR;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>Pushes every alert change to the centre and to the patient's responsible clinician.</summary>
public sealed class SignalRAlertNotifier(IHubContext<AlertHub> hub, AlertPresenter presenter) : IAlertNotifier
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
        await hub.Clients.Groups(groups).SendAsync(method, dto, cancellationToken);
    }
}
