using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.InfluxDb.Privacy;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.Privacy;

namespace ThuisMonitoring.Host.Privacy;

/// <summary>
/// AVG: consent, retention and erasure (docs/privacy.md). The erasure register and the erasure of every store that
/// keeps patient data (InfluxDB too when it is the time-series store), the raw-data retention and the scheduled purge.
/// </summary>
public static class PrivacyComposition
{
    public static void AddPrivacy(this WebApplicationBuilder builder, SiteOptions site)
    {
        var options = builder.Configuration.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new PrivacyOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        if (site.Cluster.Provider == ClusterProvider.PostgreSql)
        {
            builder.Services.AddPostgresPrivacy();
        }
        else
        {
            builder.Services.AddEmbeddedPrivacy(site.DataDirectory);
        }

        if (string.Equals(builder.Configuration[TimeSeriesComposition.ProviderKey], "InfluxDb", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddInfluxDbPrivacy();
        }

        builder.Services.AddHostedService<RetentionPurge>();
    }
}
