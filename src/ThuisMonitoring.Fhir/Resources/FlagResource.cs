using Hl7.Fhir.Model;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// An alert as an R4 Flag (CONTRACT section 5): active while open or acknowledged, inactive once resolved; code SNOMED
/// 41236000 "abnormal vital signs" plus our reason codes; priority from the level (red PH, orange PM).
/// </summary>
public static class FlagResource
{
    public static Flag From(Alert alert)
    {
        var code = new CodeableConcept(CodeSystems.Snomed, CodeSystems.AbnormalVitalSigns, "Abnormal vital signs", null);
        foreach (var reason in alert.Reasons)
        {
            code.Coding.Add(new Coding(CodeSystems.Reason, reason));
        }

        code.Text = string.Join(", ", alert.Reasons);
        var flag = new Flag
        {
            Id = alert.AlertId,
            Status = alert.IsActive ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept(CodeSystems.FlagCategory, "clinical", "Clinical", null)],
            Code = code,
            Subject = References.Patient(alert.PatientId),
            Period = new Period(new FhirDateTime(alert.RaisedAt.ToUniversalTime()), alert.ResolvedAt is { } end ? new FhirDateTime(end.ToUniversalTime()) : null),
        };
        flag.Identifier.Add(new Identifier("urn:thuismonitoring:alert", alert.AlertId));
        var priority = alert.Level == Level.Red ? ("PH", "High priority") : ("PM", "Medium priority");
        flag.Extension.Add(new Extension(CodeSystems.FlagPriorityExtension, new CodeableConcept(CodeSystems.FlagPriority, priority.Item1, priority.Item2, null)));
        return flag.Stamped(alert.UpdatedAt);
    }
}
