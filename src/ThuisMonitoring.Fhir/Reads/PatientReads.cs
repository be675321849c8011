using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Search;

namespace ThuisMonitoring.Fhir.Reads;

/// <summary><c>Patient</c> (read, search by identifier), <c>EpisodeOfCare</c> (read, search by patient) and <c>Patient/{id}/$everything</c>.</summary>
internal static class PatientReads
{
    public static async Task<IResult> ReadAsync(string id, ClaimsPrincipal caller, PatientVisibility visibility, FhirAudit audit, CancellationToken cancellationToken)
    {
        var record = await visibility.FindAsync(caller, id, cancellationToken);
        return record is null ? NotVisible(id) : await audit.ReadAsync(caller, [id], PatientResource.From(record), AuditResources.Patient);
    }

    public static async Task<IResult> SearchAsync(HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, FhirAudit audit, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(request.Query, "identifier", "_id");
        var identifier = query.Single("identifier");
        var id = query.Single("_id");
        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        var (system, value) = Token(identifier);
        var matches = (await visibility.ListAsync(caller, cancellationToken))
            .Where(r => id is null || r.PatientId == id)
            .Select(PatientResource.From)
            .Where(p => identifier is null || p.Identifier.Any(i => i.Value == value && (system is null || i.System == system)))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList<Resource>();
        var page = SearchPage.Of(matches, request, query.Count, query.Offset);
        return await audit.ReadAsync(caller, PatientsOf(page), page, AuditResources.Patient);
    }

    public static async Task<IResult> ReadEpisodeAsync(
        string id, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var record = await visibility.FindAsync(caller, id, cancellationToken);
        if (record is null)
        {
            return Outcomes.NotFound($"EpisodeOfCare '{id}' does not exist or is not yours to see.");
        }

        return await audit.ReadAsync(caller, [id], EpisodeOfCareResource.From(record, await data.EpisodeAsync(id)), AuditResources.Episode);
    }

    public static async Task<IResult> SearchEpisodesAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(request.Query, "patient", "status");
        var patientId = query.PatientId();
        var status = query.Single("status");
        if (status is not null and not "active" and not "finished")
        {
            query.Problem("status", "status must be active or finished.");
        }

        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        var records = (await visibility.ListAsync(caller, cancellationToken)).Where(r => patientId is null || r.PatientId == patientId).ToList();
        var episodes = new List<Resource>();
        foreach (var record in records)
        {
            var care = EpisodeOfCareResource.From(record, await data.EpisodeAsync(record.PatientId));
            if (status is null || care.Status.ToString()!.Equals(status, StringComparison.OrdinalIgnoreCase))
            {
                episodes.Add(care);
            }
        }

        var page = SearchPage.Of(episodes.OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), request, query.Count, query.Offset);
        return await audit.ReadAsync(caller, PatientsOf(page), page, AuditResources.Episode);
    }

    /// <summary>Everything of one patient: Patient, EpisodeOfCare, Practitioner, Organization, Devices, Observations, Flags, Communications.</summary>
    public static async Task<IResult> EverythingAsync(
        string id, HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, DirectoryReads.Staff staff,
        FhirAudit audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var record = await visibility.FindAsync(caller, id, cancellationToken);
        if (record is null)
        {
            return NotVisible(id);
        }

        var observations = await data.ObservationsAsync(id, DateRange.Earliest, clock.GetUtcNow().AddDays(1), cancellationToken);
        if (observations is null)
        {
            return Outcomes.BadRequest("Patient", $"More than {PatientData.MaxMeasurements} measurements: read the Observations with a date range instead.");
        }

        var resources = new List<Resource> { PatientResource.From(record), EpisodeOfCareResource.From(record, await data.EpisodeAsync(id)) };
        if (await staff.PractitionerAsync(record.ResponsibleClinician, cancellationToken) is { } practitioner)
        {
            resources.Add(practitioner);
        }

        if (record.Organisation is not null && await staff.OrganizationAsync(record.Organisation, cancellationToken) is { } organization)
        {
            resources.Add(organization);
        }

        resources.AddRange(await data.DevicesAsync(id, cancellationToken));
        resources.AddRange(observations);
        var alerts = await data.AlertsAsync(id);
        resources.AddRange(alerts.Select(FlagResource.From));
        resources.AddRange(alerts.Select(CommunicationResource.From).OfType<Communication>());
        var query = new SearchQuery(request.Query);
        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        var page = SearchPage.Of(resources, request, query.Count == SearchPage.DefaultCount && !request.Query.ContainsKey("_count") ? Math.Max(resources.Count, 1) : query.Count, query.Offset);
        return await audit.ReadAsync(caller, [id], page,
            AuditResources.Patient, AuditResources.Episode, AuditResources.Device, AuditResources.Vitals, AuditResources.Alert, AuditResources.Escalation);
    }

    internal static FhirResult NotVisible(string patientId) => Outcomes.NotFound($"Patient '{patientId}' does not exist or is not yours to see.");

    /// <summary>The patients of the resources on a page (audited once each).</summary>
    internal static IReadOnlyCollection<string> PatientsOf(Bundle page) => page.Entry.Select(e => e.Resource switch
    {
        Patient p => p.Id,
        EpisodeOfCare c => c.Id,
        Observation o => o.Subject?.Reference,
        Flag f => f.Subject?.Reference,
        Communication m => m.Subject?.Reference,
        Device d => d.Patient?.Reference,
        _ => null,
    }).OfType<string>().Select(r => r.StartsWith("Patient/", StringComparison.Ordinal) ? r["Patient/".Length..] : r).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A token parameter: <c>system|value</c> or <c>value</c>.</summary>
    internal static (string? System, string? Value) Token(string? token)
    {
        if (token is null)
        {
            return (null, null);
        }

        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, token) : (bar == 0 ? null : token[..bar], token[(bar + 1)..]);
    }
}
