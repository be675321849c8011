using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Visibility;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Access;

/// <summary>
/// The web side of <see cref="VisibilityRule"/>: loads the facts (the caller from the token, the patient from the
/// directory, the region from the organisation directory) and applies the rule. Every channel that shows a patient's
/// data asks here: the API, the hub, staff lists and organisation protocols. The region is read again at most every
/// few seconds, and at once after an organisation change on this host (<see cref="Forget"/>).
/// </summary>
public sealed class PatientAccess(IPatientDirectory patients, IOrganisationDirectory organisations, TimeProvider clock)
{
    private static readonly TimeSpan RegionLifetime = TimeSpan.FromSeconds(5);

    private volatile CachedRegion? _region;
    private long _generation;

    /// <summary>Who the caller is, as the rule sees them (role, organisation, and for a patient token the patient).</summary>
    public static Viewer ViewerOf(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new Viewer(caller.Username(), caller.Role(), caller.Organisation(), caller.PatientId());
    }

    public async Task<Region> RegionAsync(CancellationToken cancellationToken)
    {
        if (_region is { } cached && clock.GetUtcNow() - cached.ReadAt < RegionLifetime)
        {
            return cached.Region;
        }

        var readAt = clock.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        var region = new Region(await organisations.ListAsync(cancellationToken), await organisations.ListClientsAsync(cancellationToken));
        // A change during the read (Forget) must not be hidden behind a region read before it.
        if (Interlocked.Read(ref _generation) == generation)
        {
            _region = new CachedRegion(region, readAt);
        }

        return region;
    }

    /// <summary>Organisations or clients changed: the next question reads them again.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        _region = null;
    }

    public async Task<AccessScope> ScopeAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        new(ViewerOf(caller), await RegionAsync(cancellationToken));

    /// <summary>The patient's record when it exists and the caller may see it; otherwise null (answer <see cref="NotVisible"/>).</summary>
    public async Task<PatientRecord?> FindVisibleAsync(string patientId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var record = await patients.GetAsync(patientId, cancellationToken);
        return record is not null && (await ScopeAsync(caller, cancellationToken)).MaySee(record) ? record : null;
    }

    public async Task<bool> MaySeeAsync(ClaimsPrincipal caller, PatientRecord record, CancellationToken cancellationToken) =>
        (await ScopeAsync(caller, cancellationToken)).MaySee(record);

    /// <summary>Whether <paramref name="user"/> (not the caller: a colleague something is handed to) may see the patient.</summary>
    public async Task<bool> MaySeeAsync(UserAccount user, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var record = await patients.GetAsync(patientId, cancellationToken);
        return record is not null
            && VisibilityRule.MaySee(new Viewer(user.Username, user.Role, user.Organisation), AccessScope.Facts(record), await RegionAsync(cancellationToken));
    }

    /// <summary>Whether the caller may see the patient of <paramref name="alert"/> (false for a patient no longer in the directory).</summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal caller, Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var record = await patients.GetAsync(alert.PatientId, cancellationToken);
        return record is not null && await MaySeeAsync(caller, record, cancellationToken);
    }

    /// <summary>The alerts whose patient the caller may see, in their order (the directory is read once).</summary>
    public async Task<IReadOnlyList<Alert>> VisibleAsync(IEnumerable<Alert> alerts, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(caller, cancellationToken);
        var records = (await patients.ListAsync(cancellationToken)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        return [.. alerts.Where(a => records.TryGetValue(a.PatientId, out var record) && scope.MaySee(record))];
    }

    /// <summary>404 for a patient that does not exist or that the caller may not see (the two are not told apart).</summary>
    public static Microsoft.AspNetCore.Http.IResult NotVisible(string patientId) =>
        ApiProblem.NotFound($"Patient '{patientId}' does not exist or is not yours to see.");

    private sealed record CachedRegion(Region Region, DateTimeOffset ReadAt);
}
