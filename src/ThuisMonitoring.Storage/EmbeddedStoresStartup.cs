using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Directory;

namespace ThuisMonitoring.Storage;

/// <summary>
/// Opens every embedded store when the host starts, so a missing directory, a locked file or a broken schema stops
/// the start instead of the first request, and the device bindings are in memory before the broker takes connections.
/// </summary>
internal sealed class EmbeddedStoresStartup(IServiceProvider services, ILogger<EmbeddedStoresStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IUserDirectory>();
        services.GetRequiredService<IPatientDirectory>();
        services.GetRequiredService<IAlertIndex>();
        services.GetRequiredService<Notifications.SqliteNotificationOutbox>();
        services.GetRequiredService<IMeasurementStore>();
        services.GetRequiredService<Audit.SqliteAuditTrail>();
        await services.GetRequiredService<SqliteDeviceRegistry>().LoadAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Embedded stores ready in {DataDirectory}", services.GetRequiredService<EmbeddedStoreOptions>().DataDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
