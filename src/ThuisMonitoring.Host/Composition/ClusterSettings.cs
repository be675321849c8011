using System.Net;

namespace ThuisMonitoring.Host.Composition;

/// <summary>Where the silo's cluster lives (CONTRACT section 9).</summary>
public enum ClusterProvider
{
    /// <summary>One process, embedded stores, localhost clustering: the default.</summary>
    Localhost,

    /// <summary>Several hosts as one Orleans cluster whose membership, reminders and grain state live in PostgreSQL.</summary>
    PostgreSql,
}

/// <summary>
/// The <c>Cluster:*</c> keys: provider, connection string, cluster id, this host's Orleans ports and the address other
/// silos reach it on (<c>Cluster:AdvertisedAddress</c>, default loopback; a pod's IP in Kubernetes).
/// </summary>
public sealed record ClusterSettings(ClusterProvider Provider, string? ConnectionString, string ClusterId, int SiloPort, int GatewayPort, IPAddress AdvertisedAddress, bool Kubernetes = false)
{
    public const string ProviderKey = "Cluster:Provider";
    public const string ConnectionStringKey = "Cluster:ConnectionString";
    public const string ClusterIdKey = "Cluster:ClusterId";
    public const string SiloPortKey = "Cluster:SiloPort";
    public const string GatewayPortKey = "Cluster:GatewayPort";
    public const string AdvertisedAddressKey = "Cluster:AdvertisedAddress";

    /// <summary>Orleans' membership options (<c>ClusterMembershipOptions</c>), bound as they are named: probes and death declaration.</summary>
    public const string MembershipSection = "Cluster:Membership";

    /// <summary>In a Kubernetes pod: Orleans' Kubernetes hosting takes silo name, address and ids from the pod (deploy/kubernetes).</summary>
    public const string KubernetesKey = "Cluster:Kubernetes";

    public static ClusterSettings From(IConfiguration configuration)
    {
        var providerText = configuration[ProviderKey] ?? nameof(ClusterProvider.Localhost);
        if (!Enum.TryParse<ClusterProvider>(providerText, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"{ProviderKey}: '{providerText}' is not a cluster provider; use Localhost or PostgreSql.");
        }

        var connectionString = configuration[ConnectionStringKey];
        if (provider == ClusterProvider.Localhost && configuration.GetValue(KubernetesKey, false))
        {
            throw new InvalidOperationException($"{KubernetesKey}=true needs {ProviderKey}=PostgreSql: pods of one cluster share their state there.");
        }

        if (provider == ClusterProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{ProviderKey}=PostgreSql needs {ConnectionStringKey} (an Npgsql connection string, e.g. Host=db;Database=thuismonitoring;Username=...;Password=...).");
        }

        var addressText = configuration[AdvertisedAddressKey] ?? IPAddress.Loopback.ToString();
        if (!IPAddress.TryParse(addressText, out var advertised))
        {
            throw new InvalidOperationException($"{AdvertisedAddressKey}: '{addressText}' is not an IP address.");
        }

        return new ClusterSettings(
            provider,
            connectionString,
            configuration[ClusterIdKey] ?? "thuismonitoring",
            configuration.GetValue(SiloPortKey, 11111),
            configuration.GetValue(GatewayPortKey, 30000),
            advertised,
            configuration.GetValue(KubernetesKey, false));
    }
}
