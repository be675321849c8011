using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Domain.Visibility;

/// <summary>The organisations of the region and which centre serves which: the facts the visibility rule needs.</summary>
public sealed class Region
{
    private readonly Dictionary<string, Organisation> _organisations;
    private readonly HashSet<ServedOrganisation> _clients;

    public Region(IEnumerable<Organisation> organisations, IEnumerable<ServedOrganisation> clients)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(clients);
        _organisations = organisations.ToDictionary(o => o.Id, StringComparer.Ordinal);
        _clients = [.. clients];
    }

    public static Region Empty { get; } = new([], []);

    public Organisation? Find(string? id) => id is not null && _organisations.TryGetValue(id, out var found) ? found : null;

    /// <summary>True when the organisation exists and lets all its clinicians see its patients.</summary>
    public bool Shares(string? organisation) => Find(organisation)?.SharePatientsWithinOrganisation == true;

    /// <summary>True when <paramref name="centre"/> is a monitoring centre that serves <paramref name="client"/>.</summary>
    public bool Serves(string? centre, string? client) =>
        centre is not null && client is not null
        && Find(centre)?.Kind == OrganisationKind.MonitoringCentre
        && _clients.Contains(new ServedOrganisation(centre, client));

    /// <summary>True when some monitoring centre serves (or is) both organisations: they work in one region.</summary>
    public bool ShareACentre(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        var centresOfA = CentresOf(a);
        return CentresOf(b).Any(centresOfA.Contains);
    }

    /// <summary>The centres that serve <paramref name="organisation"/>, and the organisation itself when it is a centre.</summary>
    private HashSet<string> CentresOf(string organisation)
    {
        var centres = _clients.Where(c => c.Client == organisation).Select(c => c.Centre).ToHashSet(StringComparer.Ordinal);
        if (Find(organisation)?.Kind == OrganisationKind.MonitoringCentre)
        {
            centres.Add(organisation);
        }

        return centres;
    }

    /// <summary>The organisations <paramref name="centre"/> serves.</summary>
    public IEnumerable<string> ClientsOf(string? centre) =>
        centre is null || Find(centre)?.Kind != OrganisationKind.MonitoringCentre
            ? []
            : _clients.Where(c => c.Centre == centre).Select(c => c.Client);
}
