using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Fhir.Access;

/// <summary>
/// Who may see which patient over FHIR: the one place the adapter asks, and it asks the platform's one rule
/// (<see cref="PatientAccess"/>, the same as /api and the hub), so /fhir and /api never disagree. A patient the caller
/// may not see is answered as one that does not exist (404).
/// </summary>
public sealed class PatientVisibility(IPatientDirectory directory, PatientAccess access)
{
    public Task<bool> MaySeeAsync(ClaimsPrincipal caller, PatientRecord record, CancellationToken cancellationToken) =>
        access.MaySeeAsync(caller, record, cancellationToken);

    /// <summary>The patient's record when it exists and the caller may see it; otherwise null.</summary>
    public Task<PatientRecord?> FindAsync(ClaimsPrincipal caller, string patientId, CancellationToken cancellationToken) =>
        access.FindVisibleAsync(patientId, caller, cancellationToken);

    /// <summary>Every patient the caller may see.</summary>
    public async Task<IReadOnlyList<PatientRecord>> ListAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeAsync(caller, cancellationToken);
        return (await directory.ListAsync(cancellationToken)).Where(scope.MaySee).ToList();
    }
}
