namespace ThuisMonitoring.Storage.PostgreSql;

/// <summary>How the cluster's stores batch and cache (<see cref="PostgresStoresServiceCollectionExtensions"/>).</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>At most this many appends go into one transaction (one WAL flush).</summary>
    public int MeasurementBatchSize { get; init; } = 4096;

    /// <summary>Appends waiting for the writer before callers are made to wait (back-pressure).</summary>
    public int MeasurementQueueCapacity { get; init; } = 65_536;

    /// <summary>
    /// How long a host answers a device look-up from its cache. Bindings made or removed on any host are announced
    /// (LISTEN/NOTIFY) and dropped from every cache at once; the lifetime bounds a missed announcement.
    /// </summary>
    public TimeSpan DeviceCacheLifetime { get; init; } = TimeSpan.FromSeconds(5);
}
