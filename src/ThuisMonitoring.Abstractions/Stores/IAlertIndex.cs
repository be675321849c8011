using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// A queryable copy of every patient's alerts for the console and the API. The patient grain owns each alert and
/// writes every change here; the index is never the source of truth.
/// </summary>
public interface IAlertIndex
{
    Task UpsertAsync(Alert alert, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Alerts with the given status (all when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken);
}
