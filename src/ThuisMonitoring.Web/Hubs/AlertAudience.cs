using System.Collections.Concurrent;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Visibility;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// The consoles connected to this host's alert hub and who is behind each. An alert goes only to the connections
/// whose viewer may see its patient (<see cref="VisibilityRule"/>, the same rule as the API), so the hub cannot show
/// what a GET would answer 404 to.
/// </summary>
public sealed class AlertAudience
{
    private readonly ConcurrentDictionary<string, Viewer> _connections = new(StringComparer.Ordinal);

    public void Joined(string connectionId, Viewer viewer) => _connections[connectionId] = viewer;

    public void Left(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The connections of these users (the sender and the receiver of a handover), whatever their patient.</summary>
    public IReadOnlyList<string> OfUsers(params string[] usernames) =>
        [.. _connections.Where(c => usernames.Contains(c.Value.Username, StringComparer.OrdinalIgnoreCase)).Select(c => c.Key)];

    /// <summary>The connections that may see <paramref name="patient"/> (admins only when the patient is unknown).</summary>
    public IReadOnlyList<string> Of(PatientRecord? patient, Region region)
    {
        var facts = patient is null ? null : AccessScope.Facts(patient);
        return [.. _connections
            .Where(c => facts is null ? c.Value.Role == RoleCodes.Admin : VisibilityRule.MaySee(c.Value, facts, region))
            .Select(c => c.Key)];
    }
}
