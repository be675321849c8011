using System.Net;
using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Host.Composition;

/// <summary>Kestrel serves HTTP on <c>Urls</c> and MQTT on <c>Mqtt:Port</c>; both loopback by default.</summary>
public static class ListenerComposition
{
    public static void AddListeners(this WebApplicationBuilder builder, SiteOptions site)
    {
        var mqtt = builder.Configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new MqttBrokerOptions();
        if (site.DemoEnabled && (site.Urls.Any(u => !IsLoopback(u.Host)) || !IsLoopback(mqtt.BindAddress)))
        {
            throw new InvalidOperationException("Demo mode serves made-up patients and known passwords: it only binds to loopback addresses.");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Explicit endpoints replace Urls, so the Urls are bound here too.
            foreach (var url in site.Urls)
            {
                if (url.Host == "localhost")
                {
                    kestrel.ListenLocalhost(url.Port);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
                }
            }

            kestrel.ListenForDevices(mqtt);
        });
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
