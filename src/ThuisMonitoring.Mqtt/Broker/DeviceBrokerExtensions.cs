using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;
using MQTTnet.Server;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>Composition of the embedded broker: MQTT over TCP on <c>Mqtt:Port</c> and over WebSocket at <c>/mqtt</c>, both on Kestrel.</summary>
public static class DeviceBrokerExtensions
{
    /// <summary>A connection's outgoing buffer at first (MQTTnet's default: 4,096).</summary>
    public const int WriterBufferBytes = 512;

    /// <summary>A connection's outgoing buffer is cut back to this after a larger packet (MQTTnet's default: 65,535).</summary>
    public const int WriterBufferMaxKeptBytes = 4096;

    public static IServiceCollection AddDeviceBroker(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MqttBrokerOptions>(configuration.GetSection(MqttBrokerOptions.Section));
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<DeviceGateway>();
        services.AddSingleton<DeviceConnectionHandler>();
        services.AddSingleton<ThuisMonitoring.Abstractions.Devices.IDeviceSessions, DeviceSessionCloser>();
        services.AddSingleton(provider => new DeviceConnections(provider.GetRequiredService<IOptions<MqttBrokerOptions>>().Value.MaxConnectionsPerDevice));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<MqttBrokerOptions>>().Value;
            return new RefusedLogins(options.MaxRefusedLoginsPerAddress, options.RefusedLoginWindow, provider.GetRequiredService<TimeProvider>());
        });
        services.AddMqttServer(options => options
            .WithoutDefaultEndpoint()
            .WithPersistentSessions(false)
            .WithMaxPendingMessagesPerClient(10_000));
        KeepWriterBuffersSmall(services);
        services.AddMqttConnectionHandler();
        services.AddConnections();
        return services;
    }

    /// <summary>
    /// Every connection has a buffer its outgoing packets are written into, 4 KB from the start by MQTTnet's default:
    /// 41 MB of an idle host with 10,000 connected devices. What goes out to a device is a CONNACK, PUBACKs, a SUBACK and
    /// feedback of a few hundred bytes, so it starts at <see cref="WriterBufferBytes"/>; it grows for a larger packet and
    /// shrinks back when it grew past <see cref="WriterBufferMaxKeptBytes"/>. MQTTnet's options builder has no setting
    /// for it; AddMqttServer registers the built options as an instance.
    /// </summary>
    private static void KeepWriterBuffersSmall(IServiceCollection services)
    {
        var options = services.LastOrDefault(d => d.ServiceType == typeof(MqttServerOptions))?.ImplementationInstance as MqttServerOptions
            ?? throw new InvalidOperationException("AddMqttServer registered no MqttServerOptions instance.");
        options.WriterBufferSize = WriterBufferBytes;
        options.WriterBufferSizeMax = WriterBufferMaxKeptBytes;
    }

    /// <summary>Adds the MQTT TCP listener to Kestrel (loopback by default), and MQTT over TLS on <c>Mqtt:TlsPort</c> when set.</summary>
    public static void ListenForDevices(this Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, MqttBrokerOptions options, X509Certificate2? certificate = null)
    {
        var address = IPAddress.Parse(options.BindAddress);
        kestrel.Listen(address, options.Port, listen => listen.UseConnectionHandler<DeviceConnectionHandler>());
        if (options.TlsPort is { } tlsPort)
        {
            var serverCertificate = certificate ?? throw new InvalidOperationException("Mqtt:TlsPort needs a server certificate: set Tls:CertificatePath.");

            // TLS first, then MQTT inside it: the same broker, the same authentication, over an encrypted stream.
            kestrel.Listen(address, tlsPort, listen =>
            {
                listen.UseHttps(serverCertificate);
                listen.UseConnectionHandler<DeviceConnectionHandler>();
            });
        }
    }

    /// <summary>Maps MQTT over WebSocket at <c>/mqtt</c> (WebSocket only) and attaches the device gateway to the broker.</summary>
    public static IEndpointRouteBuilder MapDeviceBroker(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConnectionHandler<DeviceConnectionHandler>("/mqtt", options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.WebSockets.SubProtocolSelector = MqttSubProtocolSelector.SelectSubProtocol;
        });
        var server = endpoints.ServiceProvider.GetRequiredService<MqttServer>();
        endpoints.ServiceProvider.GetRequiredService<DeviceGateway>().Attach(server);
        return endpoints;
    }
}
