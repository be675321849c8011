namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// The durable record of accepted measurements. <see cref="AppendAsync"/> returns only once the measurement is
/// durable (group commit), so it can be acknowledged to the device.
/// </summary>
public interface IMeasurementStore
{
    /// <summary>
    /// Stores the measurement durably. Returns false, storing nothing, when the same (deviceId, messageId) was
    /// stored before: the caller then treats it as a duplicate and does not evaluate it again.
    /// </summary>
    Task<bool> AppendAsync(StoredMeasurement measurement, CancellationToken cancellationToken);

    /// <summary>Measurements of a patient with measuredAt in [from, to], oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredMeasurement>> ListAsync(string patientId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
