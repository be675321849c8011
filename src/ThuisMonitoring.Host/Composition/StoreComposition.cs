using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Host.Composition;

public static class StoreComposition
{
    /// <summary>The embedded stores: SQLite files under <c>Data:Directory</c>.</summary>
    public static void AddEmbeddedStores(this WebApplicationBuilder builder, SiteOptions site) =>
        builder.Services.AddEmbeddedStores(site.DataDirectory);
}
