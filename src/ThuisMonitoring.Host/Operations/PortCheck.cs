using System.Net;
using System.Net.Sockets;
using ThuisMonitoring.Host.Composition;
using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// Before anything binds: every configured port (HTTP, MQTT, MQTT over TLS, Orleans silo and gateway) must be free,
/// else the host logs one line naming the port and the key to change, and exits with code 1 within a second, rather
/// than sharing a port with another host or failing later with a stack trace.
/// </summary>
public static class PortCheck
{
    public const int ExitCode = 1;

    public static void RequireFreePorts(this WebApplicationBuilder builder, SiteOptions site)
    {
        var mqtt = builder.Configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new MqttBrokerOptions();
        var problem = FirstProblem(Ports(site, mqtt));
        if (problem is null)
        {
            return;
        }

        using (var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole()))
        {
            loggers.CreateLogger(typeof(PortCheck)).LogCritical("{Problem}", problem);
        }

        Environment.Exit(ExitCode);
    }

    /// <summary>What stands in the way of listening, in one sentence, or null when every port is free.</summary>
    public static string? FirstProblem(IReadOnlyList<ListeningPort> ports)
    {
        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Select(p => p.Key).Distinct().Count() > 1))
        {
            return $"Port {clash.Key} is configured for more than one listener ({string.Join(", ", clash.Select(p => p.Key).Distinct())}): give each its own port.";
        }

        var taken = ports.FirstOrDefault(p => !p.IsFree());
        return taken is null
            ? null
            : $"Port {taken.Port} ({taken.Key}) is already in use on {taken.Address}: another process, perhaps a second host, listens there. Stop it or set {taken.Key} to a free port.";
    }

    /// <summary>Every address and port the host will listen on, as <see cref="ListenerComposition"/> and <see cref="SiloComposition"/> bind them.</summary>
    public static IReadOnlyList<ListeningPort> Ports(SiteOptions site, MqttBrokerOptions mqtt)
    {
        var ports = new List<ListeningPort>();
        foreach (var url in site.Urls.Where(u => u.Port != 0))
        {
            foreach (var address in Addresses(url.Host))
            {
                ports.Add(new ListeningPort("Urls", address, url.Port));
            }
        }

        var mqttAddress = IPAddress.Parse(mqtt.BindAddress);
        ports.Add(new ListeningPort($"{MqttBrokerOptions.Section}:{nameof(MqttBrokerOptions.Port)}", mqttAddress, mqtt.Port));
        if (mqtt.TlsPort is { } tlsPort)
        {
            ports.Add(new ListeningPort($"{MqttBrokerOptions.Section}:{nameof(MqttBrokerOptions.TlsPort)}", mqttAddress, tlsPort));
        }

        ports.Add(new ListeningPort(ClusterSettings.SiloPortKey, site.Cluster.AdvertisedAddress, site.Cluster.SiloPort));
        ports.Add(new ListeningPort(ClusterSettings.GatewayPortKey, site.Cluster.AdvertisedAddress, site.Cluster.GatewayPort));
        return ports.Where(p => p.Port != 0).ToList();
    }

    private static IEnumerable<IPAddress> Addresses(string host)
    {
        if (host != "localhost")
        {
            return [IPAddress.Parse(host.Trim('[', ']'))];
        }

        return Socket.OSSupportsIPv6 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Loopback];
    }
}
