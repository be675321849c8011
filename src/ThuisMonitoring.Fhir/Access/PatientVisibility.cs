using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Fhir.Access;

/// <summary>
/// Who may see which patient over FHIR: the one place the adapter asks, and it asks the API's rule
/// (<see cref="PatientEndpoints.MaySee"/>), so /fhir and /api never disagree. A patient the caller may not see is
/// answered as one that does not exist (404).
/// </summary>
public sealed class PatientVisibility(IPatientDirectory directory)
{
    public bool MaySee(ClaimsPrincipal caller, PatientRecord record) => PatientEndpoints.MaySee(caller, record);

    /// <summary>The patient's record when it exists and the caller may see it; otherwise null.</summary>
    public Task<PatientRecord?> FindAsync(ClaimsPrincipal caller, string patientId, CancellationToken cancellationToken) =>
        PatientEndpoints.FindVisibleAsync(directory, patientId, caller, cancellationToken);

    /// <summary>Every patient the caller may see.</summary>
    public async Task<IReadOnlyList<PatientRecord>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        (await directory.ListAsync(cancellationToken)).Where(r => MaySee(caller, r)).ToList();
}
