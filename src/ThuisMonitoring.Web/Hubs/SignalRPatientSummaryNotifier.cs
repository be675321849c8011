using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Audit;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Pushes a patient's changed overview row (hub method <c>patientChanged</c>, a <see cref="PatientDto"/> as in
/// <c>GET /api/patients</c>) to the consoles whose user may see the patient (<see cref="AlertAudience"/>, the same
/// audience as the patient's alerts), so the overview updates live instead of polling. A push that reaches a console
/// is audited once (channel <c>hub</c>, actor <c>system</c>) before it is sent; a push nobody receives is not sent.
/// </summary>
public sealed class SignalRPatientSummaryNotifier(
    IHubContext<AlertHub> hub, AlertPresenter presenter, IPatientDirectory directory, PatientAccess access, AlertAudience audience,
    AuditRecorder audit, TimeProvider clock, ILogger<SignalRPatientSummaryNotifier> logger) : IPatientSummaryNotifier
{
    public const string PatientChanged = "patientChanged";

    public async Task SummaryChangedAsync(PatientSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // Read fresh: a handover changes who may see the patient. Not in the directory yet: enrolment is still running
        // (the console reads the list once the enrolment answers).
        if (await directory.GetAsync(summary.PatientId, cancellationToken) is not { } patient)
        {
            return;
        }

        var connections = audience.Of(patient, await access.RegionAsync(cancellationToken));
        if (connections.Count == 0)
        {
            return;
        }

        try
        {
            await audit.RecordSystemAsync(patient.Organisation, patient.PatientId, AuditResources.Patient, AuditActions.Read, AuditChannels.Hub, AuditPurposes.Care);
        }
        catch (IOException exception)
        {
            logger.LogError(exception, "Audit trail not written for the overview push of patient {PatientId}; pushed anyway", patient.PatientId);
        }

        var row = PatientRows.Of(patient, summary, await presenter.DisplayNameAsync(patient.ResponsibleClinician, cancellationToken), clock.GetUtcNow());
        await hub.Clients.Clients(connections).SendAsync(PatientChanged, row, cancellationToken);
    }
}
