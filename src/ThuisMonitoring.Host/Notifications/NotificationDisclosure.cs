using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// A notification carries patient data out of the host (name, reasons, note) to its recipient: each delivery attempt
/// is recorded in the audit trail before it is made (channel <c>export</c>, resource <c>notification</c>), with the
/// recipient as the actor: the person the data is disclosed to (<c>shift-lead</c> for the shift lead's pager).
/// </summary>
public sealed class NotificationDisclosure(IAuditTrail trail, IPatientDirectory patients, IUserDirectory users, TimeProvider clock)
{
    public async Task RecordAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        var patient = await patients.GetAsync(notification.PatientId, cancellationToken);
        var role = notification.Recipient == ClinicalNotification.ShiftLead
            ? ClinicalNotification.ShiftLead
            : (await users.FindAsync(notification.Recipient, cancellationToken))?.Role ?? "unknown";
        await trail.RecordAsync(
            new AuditEvent(clock.GetUtcNow(), notification.Recipient, role, patient?.Organisation, notification.PatientId,
                AuditResources.Notification, AuditActions.Read, AuditChannels.Export, AuditPurposes.Care),
            cancellationToken);
    }
}
