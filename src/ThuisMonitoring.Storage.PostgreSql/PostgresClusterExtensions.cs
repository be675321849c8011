using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using ThuisMonitoring.Storage.PostgreSql.Orleans;

namespace ThuisMonitoring.Storage.PostgreSql;

public static class PostgresClusterExtensions
{
    /// <summary>
    /// Orleans on the cluster's PostgreSQL database: membership (silos find each other there), durable reminders and
    /// the named grain storages. The schema is migrated at start. Endpoints and <c>ClusterOptions</c> are the host's.
    /// </summary>
    public static ISiloBuilder UsePostgresCluster(this ISiloBuilder silo, string connectionString, params string[] grainStorageNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.Services.AddSingleton(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        silo.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, PostgresReminderTable>();
        foreach (var name in grainStorageNames)
        {
            silo.Services.AddGrainStorage(name, (sp, key) => new PostgresGrainStorage(
                key,
                sp.GetRequiredService<PostgresDatabase>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        }

        return silo;
    }
}
