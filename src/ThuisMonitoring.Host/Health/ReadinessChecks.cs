using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet.Server;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Host.Health;

/// <summary>The broker is accepting connections.</summary>
public sealed class BrokerReadiness(MqttServer server) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(server.IsStarted ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("MQTT broker not started"));
}

/// <summary>The silo runs grains.</summary>
public sealed class SiloReadiness(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pong = await grains.GetGrain<IReadinessGrain>(0).Ping().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return pong ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("silo did not answer");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("silo not ready", exception);
        }
    }
}

/// <summary>The embedded stores answer.</summary>
public sealed class StoreReadiness(IUserDirectory users) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await users.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("stores not ready", exception);
        }
    }
}

/// <summary>The patient list's rows are prepared (<see cref="Web.Api.PatientListWarmUp"/>), or could not be and the first list will.</summary>
public sealed class PatientListReadiness(Web.Api.PatientListWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.Done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("patient list being prepared"));
}
