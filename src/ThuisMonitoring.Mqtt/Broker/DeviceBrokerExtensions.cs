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
        services.AddMqttConnectionHandler();
        services.AddConnections();
        return services;
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
