using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Search;

namespace ThuisMonitoring.Fhir.Reads;

/// <summary><c>Device</c> (of a visible patient), <c>Practitioner</c> and <c>Organization</c> (staff, no patient data).</summary>
internal static class DirectoryReads
{
    /// <summary>Practitioners and Organizations from the user directory.</summary>
    public sealed class Staff(IUserDirectory users)
    {
        public async Task<Practitioner?> PractitionerAsync(string username, CancellationToken cancellationToken) =>
            await users.FindAsync(username, cancellationToken) is { Role: not Roles.Patient } user ? PractitionerResource.From(user) : null;

        /// <summary>An organisation exists while a user belongs to it; it dates from its first user.</summary>
        public async Task<Organization?> OrganizationAsync(string organisation, CancellationToken cancellationToken)
        {
            var members = (await users.ListAsync(null, cancellationToken)).Where(u => u.Organisation == organisation).ToList();
            return members.Count == 0 ? null : PractitionerResource.Organization(organisation, members.Min(u => u.CreatedAt));
        }
    }

    public static async Task<IResult> ReadDeviceAsync(
        string id, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var binding = await data.DeviceAsync(id, cancellationToken);
        if (binding is null || await visibility.FindAsync(caller, binding.PatientId, cancellationToken) is null)
        {
            return Outcomes.NotFound($"Device '{id}' does not exist or is not yours to see.");
        }

        return await audit.ReadAsync(caller, [binding.PatientId], DeviceResource.From(binding), AuditResources.Device);
    }

    public static async Task<IResult> SearchDevicesAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(request.Query, "patient");
        var patientId = query.PatientId();
        if (patientId is null && query.Problems.Count == 0)
        {
            query.Problem("patient", "patient is required: Device?patient={id}.");
        }

        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        var devices = await visibility.FindAsync(caller, patientId!, cancellationToken) is null ? [] : await data.DevicesAsync(patientId!, cancellationToken);
        var page = SearchPage.Of(devices.ToList<Resource>(), request, query.Count, query.Offset);
        return await audit.ReadAsync(caller, devices.Count == 0 ? [] : [patientId!], page, AuditResources.Device);
    }

    public static async Task<IResult> ReadPractitionerAsync(string id, Staff staff, CancellationToken cancellationToken) =>
        await staff.PractitionerAsync(id, cancellationToken) is { } practitioner
            ? new FhirResult(practitioner)
            : Outcomes.NotFound($"Practitioner '{id}' does not exist.");

    public static async Task<IResult> ReadOrganizationAsync(string id, Staff staff, CancellationToken cancellationToken) =>
        await staff.OrganizationAsync(id, cancellationToken) is { } organization
            ? new FhirResult(organization)
            : Outcomes.NotFound($"Organization '{id}' does not exist.");
}
