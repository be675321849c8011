using System.Net;
using Orleans.Configuration;
using ThuisMonitoring.Grains.Serialization;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Host.Observability;
using ThuisMonitoring.Storage;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.Reminders;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// The Orleans silo (<c>Cluster:Provider</c>): by default localhost clustering with episode state and durable reminders
/// in the embedded store; with <c>PostgreSql</c> one silo of a cluster whose membership, reminders and episode state
/// live in the cluster's database. The clock (<see cref="TimeProvider"/>) is registered by
/// <see cref="Testing.TestClockComposition.AddClock"/>.
/// </summary>
public static class SiloComposition
{
    /// <summary>Grain addresses a silo keeps at most (Orleans' default: 1,000,000): ten times a large region's patients.</summary>
    public const int GrainAddressCacheSize = 100_000;

    public static void AddSilo(this WebApplicationBuilder builder, SiteOptions site)
    {
        var cluster = site.Cluster;
        builder.UseOrleans(silo =>
        {
            if (cluster.Provider == ClusterProvider.PostgreSql)
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = "thuismonitoring";
                });
                silo.ConfigureEndpoints(cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(cluster.AdvertisedAddress));
                silo.UsePostgresCluster(cluster.ConnectionString!, PatientGrain.StorageName);

                // Cluster:Membership:* (Orleans' ClusterMembershipOptions: ProbeTimeout, NumMissedProbesLimit, ...): how
                // fast a killed silo is declared dead. Orleans' defaults unless set (docs/operations.md).
                silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(ClusterSettings.MembershipSection));
                if (cluster.Kubernetes)
                {
                    // Silo name, advertised pod IP, listening on any address, ids from the pod's labels; silos without a pod are declared dead.
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, new IPEndPoint(IPAddress.Loopback, cluster.SiloPort));
                silo.AddEmbeddedGrainStorage(PatientGrain.StorageName, site.DataDirectory);
                silo.AddEmbeddedReminders(site.DataDirectory);
            }

            // Orleans sizes its cache of grain addresses for a million grains up front (18.6 MB of buckets in an idle
            // host); a site runs a patient grain per active patient and a few others (docs/operations.md).
            silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = GrainAddressCacheSize);
            silo.Services.AddDomainSerialization();
            silo.Services.AddSingleton<PatientSummaryPublisher>();
            silo.Services.AddSingleton<ActivePatients>();

            // A measurement's trace continues through the grain call (Observability/TelemetryComposition.cs), when traces are exported.
            if (TelemetryComposition.ExportsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
        });
    }
}
