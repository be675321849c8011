using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Storage.Measurements;

namespace ThuisMonitoring.Storage;

public static class EmbeddedTimeSeriesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded measurement store's other faces, after <see cref="EmbeddedStoresServiceCollectionExtensions.AddEmbeddedStores(IServiceCollection, string)"/>:
    /// <see cref="IMeasurementJournal"/> (the durable queue the InfluxDB forwarder drains) and
    /// <see cref="ITimeSeriesReader"/> on the measurements file (<c>TimeSeries:Provider</c> = Embedded), and
    /// <see cref="IMeasurementFlags"/> (warm-up and artefact flags).
    /// </summary>
    public static IServiceCollection AddEmbeddedTimeSeries(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IMeasurementStore>() as SqliteMeasurementStore
            ?? throw new InvalidOperationException("The embedded time series need the embedded measurement store (AddEmbeddedStores) as IMeasurementStore."));
        services.AddSingleton<IMeasurementJournal>(sp => sp.GetRequiredService<SqliteMeasurementStore>());
        services.AddSingleton<ITimeSeriesReader, SqliteTimeSeriesReader>();
        services.AddSingleton<IMeasurementFlags>(sp => sp.GetRequiredService<SqliteMeasurementStore>());
        return services;
    }
}
