namespace ThuisMonitoring.Abstractions.Capacity;

/// <summary>Durable settings of the centres' capacity boards (thresholds, equipment counts).</summary>
public interface ICapacityRegister
{
    /// <summary>The centre's settings; the defaults when an admin never set any.</summary>
    Task<CentreSettings> GetAsync(string centre, CancellationToken cancellationToken);

    Task SaveAsync(CentreSettings settings, CancellationToken cancellationToken);
}
