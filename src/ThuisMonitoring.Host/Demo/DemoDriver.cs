namespace ThuisMonitoring.Host.Demo;

/// <summary>Runs the device simulator against this host once it is ready.</summary>
public sealed class DemoDriver(ILogger<DemoDriver> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogWarning("Demo mode is being wired to the simulator");
        return Task.CompletedTask;
    }
}
