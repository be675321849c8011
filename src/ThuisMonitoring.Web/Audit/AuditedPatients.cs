using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Web.Audit;

/// <summary>
/// Which patients' data a successful request touched: the <c>{patientId}</c> of the route, the patient of a patient token, otherwise the patients
/// in the answer (an alert, a call script, a new enrolment, or a list of patients, alerts or protocol changes: each
/// patient once; protocol changes of organisation layers are about no patient).
/// </summary>
internal static class AuditedPatients
{
    private static readonly string PatientScope = ProtocolScopes.Patient(string.Empty);

    public static IReadOnlyCollection<string?> Of(HttpContext context, object? result)
    {
        if (context.Request.RouteValues.TryGetValue("patientId", out var routed) && routed is string patientId)
        {
            return [patientId];
        }

        // A patient's own routes (/api/me...) are about the patient of the token.
        if (Auth.CurrentUser.PatientId(context.User) is { } own)
        {
            return [own];
        }

        return (result is IValueHttpResult { Value: { } value } ? value : result) switch
        {
            PatientListResult list => (IReadOnlyCollection<string?>)list.PatientIds,
            PatientDto patient => [patient.PatientId],
            AlertDto alert => [alert.PatientId],
            AlertScriptDto script => [script.Patient.PatientId],
            EnrolmentCreatedDto enrolment => [enrolment.PatientId],
            IEnumerable<PatientDto> patients => patients.Select(p => (string?)p.PatientId).Distinct(StringComparer.Ordinal).ToList(),
            IEnumerable<CareHandoverDto> handovers => handovers.Select(h => (string?)h.PatientId).Distinct(StringComparer.Ordinal).ToList(),
            IEnumerable<AlertDto> alerts => alerts.Select(a => (string?)a.PatientId).Distinct(StringComparer.Ordinal).ToList(),
            IEnumerable<ProtocolChangeDto> changes => changes
                .Where(c => c.Scope.StartsWith(PatientScope, StringComparison.Ordinal))
                .Select(c => (string?)c.Scope[PatientScope.Length..])
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            Capacity.IntakeDto intake => [intake.PatientId],
            IEnumerable<Capacity.IntakeDto> intakes => intakes.Select(i => (string?)i.PatientId).Distinct(StringComparer.Ordinal).ToList(),
            Replay.ReplayResultDto replay => [.. replay.Patients.Select(p => (string?)p)],
            Reports.RegionReportAnswer report => [.. report.CountedPatients],
            _ => [],
        };
    }
}
