using Hl7.Fhir.Model;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// An alert's escalation to the responsible clinician as an R4 Communication about the alert's Flag: in progress until the
/// clinician accepts the case, completed after; an emergency referral (the clinician is informed) is completed at once.
/// </summary>
public static class CommunicationResource
{
    public static Communication? From(Alert alert)
    {
        if (alert.Escalation is not { } escalation)
        {
            return null;
        }

        var communication = new Communication
        {
            Id = FhirIds.Communication(alert.AlertId),
            Status = escalation.Emergency || !escalation.IsPending ? EventStatus.Completed : EventStatus.InProgress,
            Category = [new CodeableConcept(CodeSystems.Reason, escalation.Emergency ? "emergency-referral" : "escalation")],
            Priority = escalation.Emergency ? RequestPriority.Stat : RequestPriority.Urgent,
            Subject = References.Patient(alert.PatientId),
            About = [new ResourceReference($"Flag/{alert.AlertId}")],
            Sent = new FhirDateTime(escalation.At.ToUniversalTime()).Value,
            Sender = References.Practitioner(escalation.By),
            Recipient = [References.Practitioner(escalation.To)],
        };
        if (escalation.AcceptedAt is { } accepted)
        {
            communication.Received = new FhirDateTime(accepted.ToUniversalTime()).Value;
        }

        if (!string.IsNullOrWhiteSpace(escalation.Note))
        {
            communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(escalation.Note) });
        }

        return communication.Stamped(escalation.AcceptedAt ?? escalation.At);
    }
}
