using System.Security.Claims;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Web.Audit;

/// <summary>
/// Turns "this caller did this to these patients' data" into audit events (actor, role and organisation from the
/// token) and waits until the trail has them on disk. The one place the web edge builds an <see cref="AuditEvent"/>.
/// </summary>
public sealed class AuditRecorder(IAuditTrail trail, TimeProvider clock)
{
    /// <summary>The actor of records the platform makes itself (live pushes on the hub).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// One record per patient (one record without a patient when <paramref name="patients"/> is empty), all
    /// committed together: a list of 10,000 patients is one append of 10,000 records, one transaction.
    /// </summary>
    public Task RecordAsync(
        ClaimsPrincipal caller, IReadOnlyCollection<string?> patients, string resource, string action, string channel, string purpose)
    {
        var at = clock.GetUtcNow();
        var actor = caller.Username();
        var role = caller.Role();
        var organisation = caller.Organisation();
        return patients.Count == 0
            ? trail.RecordAsync(new AuditEvent(at, actor, role, organisation, null, resource, action, channel, purpose), CancellationToken.None).AsTask()
            : trail.RecordAllAsync(
                [.. patients.Select(patient => new AuditEvent(at, actor, role, organisation, patient, resource, action, channel, purpose))],
                CancellationToken.None).AsTask();
    }

    /// <summary>A record the platform makes on its own behalf (role and actor <c>system</c>).</summary>
    public Task RecordSystemAsync(string? organisation, string patientId, string resource, string action, string channel, string purpose) =>
        trail.RecordAsync(
            new AuditEvent(clock.GetUtcNow(), SystemActor, SystemActor, organisation, patientId, resource, action, channel, purpose),
            CancellationToken.None).AsTask();
}
