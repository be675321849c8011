using ThuisMonitoring.InfluxDb;
using ThuisMonitoring.Storage;
using ThuisMonitoring.Storage.PostgreSql;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// <c>TimeSeries:Provider</c>: <c>Embedded</c> (default) reads trends from the embedded measurement store;
/// <c>InfluxDb</c> also forwards every stored measurement to InfluxDB (<c>TimeSeries:InfluxDb:*</c>) and reads
/// trends from there. Either way the measurement store (embedded, or the cluster's PostgreSQL) stays the durable
/// record a PUBACK waits for.
/// </summary>
public static class TimeSeriesComposition
{
    public const string ProviderKey = "TimeSeries:Provider";

    public static void AddTimeSeries(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (site.Cluster.Provider == ClusterProvider.PostgreSql)
        {
            builder.Services.AddPostgresTimeSeries();
        }
        else
        {
            builder.Services.AddEmbeddedTimeSeries();
        }

        var provider = builder.Configuration[ProviderKey] ?? "Embedded";
        if (provider.Equals("InfluxDb", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddInfluxDbTimeSeries(builder.Configuration, site.DataDirectory);
            if (site.Cluster.Provider == ClusterProvider.PostgreSql)
            {
                // One host at a time forwards the cluster's journal, from the cursor they share.
                builder.Services.AddPostgresJournalCursor("influxdb");
            }
        }
        else if (!provider.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{ProviderKey}: '{provider}' is neither Embedded nor InfluxDb.");
        }
    }
}
