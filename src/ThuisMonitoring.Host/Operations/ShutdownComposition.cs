namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// SIGTERM (systemd stop, docker stop, Ctrl+C) stops the host gracefully within <see cref="Timeout"/>: simulated
/// devices first (demo), then the listeners, the silo and the stores, which flush as they are disposed. What is
/// still running when the time is up is cancelled, so the process is gone well within 10 s. Nothing acknowledged
/// depends on it: a PUBACK waits for the durable append.
/// </summary>
public static class ShutdownComposition
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(7);

    public static void AddGracefulShutdown(this WebApplicationBuilder builder) =>
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = Timeout);
}
