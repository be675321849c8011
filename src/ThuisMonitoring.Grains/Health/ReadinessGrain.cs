using Orleans.Concurrency;
using ThuisMonitoring.Abstractions.Grains;

namespace ThuisMonitoring.Grains.Health;

[StatelessWorker]
public sealed class ReadinessGrain : Grain, IReadinessGrain
{
    public Task<bool> Ping() => Task.FromResult(true);
}
