using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ThuisMonitoring.Mqtt.Broker;
using ThuisMonitoring.Web.Security;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// Kestrel serves HTTP on <c>Urls</c> and MQTT on <c>Mqtt:Port</c>; both loopback by default. With a certificate
/// (<see cref="TlsCertificate"/>) the https:// addresses in <c>Urls</c> and MQTT over TLS on <c>Mqtt:TlsPort</c> too.
/// </summary>
public static class ListenerComposition
{
    public static void AddListeners(this WebApplicationBuilder builder, SiteOptions site)
    {
        var mqtt = builder.Configuration.GetSection(MqttBrokerOptions.Section).Get<MqttBrokerOptions>() ?? new MqttBrokerOptions();
        if (site.DemoEnabled && (site.Urls.Any(u => !IsLoopback(u.Host)) || !IsLoopback(mqtt.BindAddress)))
        {
            throw new InvalidOperationException("Demo mode serves made-up patients and known passwords: it only binds to loopback addresses.");
        }

        var certificate = TlsCertificate.Load(builder.Configuration);
        if (certificate is null && (site.Urls.Any(u => u.Scheme == Uri.UriSchemeHttps) || mqtt.TlsPort is not null))
        {
            throw new InvalidOperationException($"An https:// address in Urls and Mqtt:TlsPort need a server certificate: set {TlsCertificate.PathKey}.");
        }

        if (certificate is not null)
        {
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<CertificateExpiryCheck>(services, certificate));
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = AnonymousRequestLimit.SignedInMaxBodyBytes;

            // Explicit endpoints replace Urls, so the Urls are bound here too.
            foreach (var url in site.Urls)
            {
                Action<ListenOptions> tls = url.Scheme == Uri.UriSchemeHttps
                    ? listen => listen.UseHttps(certificate!)
                    : _ => { };
                if (url.Host == "localhost")
                {
                    kestrel.ListenLocalhost(url.Port, tls);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(url.Host.Trim('[', ']')), url.Port, tls);
                }
            }

            kestrel.ListenForDevices(mqtt, certificate);
        });
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
