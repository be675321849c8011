using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>Closing a client's session from the broker's side: the stop (<see cref="DeviceGateway.CloseAsync"/>) and a revocation.</summary>
internal static class ClientDisconnect
{
    /// <summary>Sends DISCONNECT with <paramref name="reason"/> and closes the session; false when it was gone already.</summary>
    public static async Task<bool> TryDisconnectAsync(this MqttClientStatus client, MqttDisconnectReasonCode reason, string? reasonString, ILogger logger)
    {
        try
        {
            await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = reason, ReasonString = reasonString });
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Gone already (it disconnected itself in between): nothing left to close.
            logger.LogDebug(exception, "MQTT session {ClientId} could not be closed", client.Id);
            return false;
        }
    }
}
