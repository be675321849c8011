using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Storage.PostgreSql.Directory;

namespace ThuisMonitoring.Storage.PostgreSql;

/// <summary>
/// Migrates the cluster's schema when the host starts (an unreachable database stops the start instead of the first
/// request) and waits until this host listens for device binding changes, so its cache is live before devices connect.
/// </summary>
internal sealed class PostgresStoresStartup(IServiceProvider services, ILogger<PostgresStoresStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<PostgresDatabase>();
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<PostgresDeviceRegistry>().Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Cluster stores ready in PostgreSQL database {Database}", new Npgsql.NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).Database);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
