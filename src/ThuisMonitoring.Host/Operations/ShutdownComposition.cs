namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// SIGTERM (systemd stop, docker stop, Ctrl+C) stops the host gracefully within <see cref="Timeout"/>: the broker
/// stops taking publishes and every active patient saves its episode (<see cref="GracefulStop"/>), then the simulated
/// devices (demo), the listeners, the silo and the stores, which flush as they are disposed. What is still running
/// when the time is up is cancelled, so the process is gone well within 10 s. Nothing acknowledged depends on it: a
/// PUBACK waits for the durable append.
/// </summary>
public static class ShutdownComposition
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(7);

    public static void AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = Timeout);
        builder.Services.AddHostedService<GracefulStop>();
    }
}
