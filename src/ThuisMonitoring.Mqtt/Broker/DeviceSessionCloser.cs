using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ThuisMonitoring.Abstractions.Devices;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// Closes the broker sessions of revoked devices. The binding was already removed from the registry, so the device's
/// next CONNECT is refused (0x86); closing the session makes the revocation immediate instead of at the next reconnect.
/// </summary>
internal sealed class DeviceSessionCloser(IServiceProvider services, ILogger<DeviceSessionCloser> logger) : IDeviceSessions
{
    public async Task<int> CloseAsync(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken)
    {
        if (deviceIds.Count == 0)
        {
            return 0;
        }

        var server = services.GetRequiredService<MqttServer>();
        var closed = 0;
        foreach (var client in await server.GetClientsAsync())
        {
            if (client.Session?.Items?[DeviceSession.Key] is not DeviceSession session || !deviceIds.Contains(session.Binding.DeviceId))
            {
                continue;
            }

            if (await client.TryDisconnectAsync(MqttDisconnectReasonCode.NotAuthorized, "device unbound", logger))
            {
                closed++;
                logger.LogInformation("MQTT session {ClientId} of revoked device {DeviceId} closed", client.Id, session.Binding.DeviceId);
            }
        }

        return closed;
    }
}
