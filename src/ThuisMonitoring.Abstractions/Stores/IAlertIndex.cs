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

    /// <summary>
    /// Alerts whose last change (<see cref="Alert.UpdatedAt"/>) is at or after <paramref name="since"/>, oldest change
    /// first, at most <paramref name="limit"/>: what a consumer of alert changes compares with what it has handled
    /// (the FHIR push outbox at start). This default reads every alert; a store may answer it from an index.
    /// </summary>
    async Task<IReadOnlyList<Alert>> ListChangedSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        [.. (await ListAsync(null, int.MaxValue, cancellationToken).ConfigureAwait(false)).Where(a => a.UpdatedAt >= since).OrderBy(a => a.UpdatedAt).Take(limit)];
}
