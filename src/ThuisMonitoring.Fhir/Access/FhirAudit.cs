using System.Security.Claims;
using ThuisMonitoring.Abstractions.Audit;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Web.Audit;

namespace ThuisMonitoring.Fhir.Access;

/// <summary>
/// Audits FHIR reads and writes (channel <c>fhir</c>, NEN 7513) through the web edge's <see cref="AuditRecorder"/>:
/// one record per patient, on disk before the data leaves. False when the trail could not be written (answer 503).
/// </summary>
public sealed class FhirAudit(AuditRecorder recorder)
{
    /// <summary>The resource as the answer once each patient's read is audited under every <paramref name="resources"/>; 503 otherwise.</summary>
    public async Task<IResult> ReadAsync(ClaimsPrincipal caller, IReadOnlyCollection<string> patients, Resource answer, params string[] resources)
    {
        foreach (var resource in resources)
        {
            if (!await TryRecordAsync(caller, patients, resource, AuditActions.Read))
            {
                return Outcomes.Unavailable("The audit trail could not be written, so the answer is withheld; try again shortly.");
            }
        }

        return new FhirResult(answer);
    }

    public async Task<bool> TryRecordAsync(ClaimsPrincipal caller, IEnumerable<string> patients, string resource, string action)
    {
        var distinct = patients.Distinct(StringComparer.Ordinal).Cast<string?>().ToList();
        if (distinct.Count == 0)
        {
            return true;
        }

        try
        {
            await recorder.RecordAsync(caller, distinct, resource, action, AuditChannels.Fhir, AuditPurposes.Care);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            return false;
        }
    }
}
