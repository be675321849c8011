namespace ThuisMonitoring.Grains.Contracts;

/// <summary>Answers when the silo can activate and run grains; used by <c>/health/ready</c>.</summary>
public interface IReadinessGrain : IGrainWithIntegerKey
{
    Task<bool> Ping();
}
