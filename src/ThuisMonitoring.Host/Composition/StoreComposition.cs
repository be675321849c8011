using ThuisMonitoring.Storage;
using ThuisMonitoring.Storage.Capacity;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.PostgreSql.Timeline;
using ThuisMonitoring.Storage.Timeline;

namespace ThuisMonitoring.Host.Composition;

public static class StoreComposition
{
    /// <summary>
    /// The embedded stores: SQLite files under <c>Data:Directory</c>. With <c>Cluster:Provider=PostgreSql</c> the
    /// stores every host shares replace them, in the cluster's database.
    /// </summary>
    public static void AddEmbeddedStores(this WebApplicationBuilder builder, SiteOptions site)
    {
        builder.Services.AddEmbeddedStores(site.DataDirectory);
        if (site.Cluster.Provider == ClusterProvider.PostgreSql)
        {
            builder.Services.AddPostgresStores(site.Cluster.ConnectionString!);
            builder.Services.AddPostgresCapacity();
            builder.Services.AddPostgresTimeline();
        }
        else
        {
            builder.Services.AddEmbeddedCapacity();
            builder.Services.AddEmbeddedTimeline();
        }
    }
}
