using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Storage.PostgreSql.Directory;
using ThuisMonitoring.Storage.PostgreSql.Measurements;

namespace ThuisMonitoring.Storage.PostgreSql;

public static class PostgresStoresServiceCollectionExtensions
{
    /// <summary>
    /// Cluster mode (<c>Cluster:Provider=PostgreSql</c>): the durable stores every host of the cluster shares, in the
    /// cluster's database, replacing the embedded ones registered before (<c>AddEmbeddedStores</c>): the directory
    /// (users, refresh tokens, patients, device bindings) and the measurement store with its journal. A hosted service
    /// migrates the schema and starts listening for device binding changes before the host takes connections.
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString, PostgresStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.TryAddSingleton(options ?? new PostgresStoreOptions());
        services.Replace(ServiceDescriptor.Singleton<IUserDirectory, PostgresUserDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore, PostgresRefreshTokenStore>());
        services.Replace(ServiceDescriptor.Singleton<IPatientDirectory, PostgresPatientDirectory>());
        services.AddSingleton<PostgresDeviceRegistry>();
        services.Replace(ServiceDescriptor.Singleton<IDeviceRegistry>(sp => sp.GetRequiredService<PostgresDeviceRegistry>()));
        services.AddSingleton<PostgresMeasurementStore>();
        services.Replace(ServiceDescriptor.Singleton<IMeasurementStore>(sp => sp.GetRequiredService<PostgresMeasurementStore>()));
        services.AddHostedService<PostgresStoresStartup>();
        return services;
    }

    /// <summary>
    /// The measurement store's other faces in cluster mode, instead of <c>AddEmbeddedTimeSeries</c>: the journal the
    /// InfluxDB forwarder drains and the trend reader on the measurements table.
    /// </summary>
    public static IServiceCollection AddPostgresTimeSeries(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IMeasurementJournal>(sp => sp.GetRequiredService<PostgresMeasurementStore>()));
        services.Replace(ServiceDescriptor.Singleton<ITimeSeriesReader, PostgresTimeSeriesReader>());
        return services;
    }
}
