using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Search;

namespace ThuisMonitoring.Fhir.Reads;

/// <summary><c>Flag</c> (one per alert) and <c>Communication</c> (one per escalation): read, and search by patient and status.</summary>
internal static class AlertReads
{
    private const int MaxAlertsWithoutPatient = 5_000;

    public static async Task<IResult> ReadFlagAsync(
        string id, ClaimsPrincipal caller, PatientVisibility visibility, IAlertIndex alerts, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var alert = await VisibleAlertAsync(id, caller, visibility, alerts, data, cancellationToken);
        return alert is null
            ? Outcomes.NotFound($"Flag '{id}' does not exist or is not yours to see.")
            : await audit.ReadAsync(caller, [alert.PatientId], FlagResource.From(alert), AuditResources.Alert);
    }

    public static async Task<IResult> ReadCommunicationAsync(
        string id, ClaimsPrincipal caller, PatientVisibility visibility, IAlertIndex alerts, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var alert = FhirIds.AlertOfCommunication(id) is { } alertId ? await VisibleAlertAsync(alertId, caller, visibility, alerts, data, cancellationToken) : null;
        var communication = alert is null ? null : CommunicationResource.From(alert);
        return communication is null
            ? Outcomes.NotFound($"Communication '{id}' does not exist or is not yours to see.")
            : await audit.ReadAsync(caller, [alert!.PatientId], communication, AuditResources.Escalation);
    }

    public static Task<IResult> SearchFlagsAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, IAlertIndex index, FhirAudit audit,
        CancellationToken cancellationToken) =>
        SearchAsync(request, caller, visibility, data, index, audit, AuditResources.Alert,
            (alert, status) => status is null || (status == "active") == alert.IsActive ? FlagResource.From(alert) : null, ["active", "inactive"], cancellationToken);

    public static Task<IResult> SearchCommunicationsAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, IAlertIndex index, FhirAudit audit,
        CancellationToken cancellationToken) =>
        SearchAsync(request, caller, visibility, data, index, audit, AuditResources.Escalation,
            (alert, status) => CommunicationResource.From(alert) is { } c && (status is null || c.Status.ToString()!.Equals(status.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)) ? c : null,
            ["in-progress", "completed"], cancellationToken);

    private static async Task<IResult> SearchAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, IAlertIndex index, FhirAudit audit, string auditResource,
        Func<Alert, string?, Resource?> present, string[] statuses, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(request.Query, "patient", "subject", "status");
        var patientId = request.Query.ContainsKey("subject") ? query.PatientId("subject") : query.PatientId();
        var status = query.Single("status");
        if (status is not null && !statuses.Contains(status))
        {
            query.Problem("status", $"status must be {string.Join(" or ", statuses)}.");
        }

        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        IReadOnlyList<Alert> alerts;
        if (patientId is not null)
        {
            alerts = await visibility.FindAsync(caller, patientId, cancellationToken) is null ? [] : await data.AlertsAsync(patientId);
        }
        else
        {
            var visible = (await visibility.ListAsync(caller, cancellationToken)).Select(r => r.PatientId).ToHashSet(StringComparer.Ordinal);
            alerts = (await index.ListAsync(null, MaxAlertsWithoutPatient, cancellationToken)).Where(a => visible.Contains(a.PatientId)).ToList();
        }

        var matches = alerts.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal)
            .Select(a => present(a, status)).OfType<Resource>().ToList();
        var page = SearchPage.Of(matches, request, query.Count, query.Offset);
        return await audit.ReadAsync(caller, PatientReads.PatientsOf(page), page, auditResource);
    }

    /// <summary>The alert as its patient's grain has it now (the index only says whose it is), when the caller may see the patient.</summary>
    private static async Task<Alert?> VisibleAlertAsync(
        string alertId, ClaimsPrincipal caller, PatientVisibility visibility, IAlertIndex alerts, PatientData data, CancellationToken cancellationToken)
    {
        var indexed = await alerts.GetAsync(alertId, cancellationToken);
        if (indexed is null || await visibility.FindAsync(caller, indexed.PatientId, cancellationToken) is null)
        {
            return null;
        }

        return (await data.AlertsAsync(indexed.PatientId)).FirstOrDefault(a => a.AlertId == alertId) ?? indexed;
    }
}
