using Orleans.Concurrency;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Grains.Health;

[StatelessWorker]
public sealed class ReadinessGrain : Grain, IReadinessGrain
{
    public Task<bool> Ping() => Task.FromResult(true);
}
