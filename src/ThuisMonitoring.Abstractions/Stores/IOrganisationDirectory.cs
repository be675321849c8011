using ThuisMonitoring.Domain.Organisations;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>Durable register of the region's organisations and of which monitoring centre serves which organisation.</summary>
public interface IOrganisationDirectory
{
    /// <summary>Adds an organisation; false when the id is taken.</summary>
    Task<bool> TryAddAsync(Organisation organisation, CancellationToken cancellationToken);

    Task<Organisation?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>All organisations, by id.</summary>
    Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="served"/>'s centre serves its client; false when it already did.</summary>
    Task<bool> TryAddClientAsync(ServedOrganisation served, CancellationToken cancellationToken);

    /// <summary>Ends the service; false when the centre did not serve that client.</summary>
    Task<bool> RemoveClientAsync(ServedOrganisation served, CancellationToken cancellationToken);

    /// <summary>Every centre-client pair of the region.</summary>
    Task<IReadOnlyList<ServedOrganisation>> ListClientsAsync(CancellationToken cancellationToken);
}
