using System.Runtime.CompilerServices;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// MQTT 3.1.1 §3.1.3.1 [MQTT-3.1.3-6]: a server may accept an empty client id and must then assign a unique one.
/// MQTTnet 5 assigns ids only to MQTT 5 clients and refuses 3.1.1 clients (mosquitto_pub among them) with
/// "identifier rejected"; it exposes no setter, so the id is written into the CONNECT packet it validates.
/// Pinned to MQTTnet 5.2 (field <c>_connectPacket</c>); the MQTT 3.1.1 integration test guards it.
/// </summary>
internal static class ClientIdAssignment
{
    public static void Assign(ValidatingConnectionEventArgs connection, string clientId)
    {
        connection.AssignedClientIdentifier = clientId;
        if (connection.ProtocolVersion != MQTTnet.Formatter.MqttProtocolVersion.V500 && connection.CleanSession != false)
        {
            ConnectPacket(connection).ClientId = clientId;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_connectPacket")]
    private static extern ref MqttConnectPacket ConnectPacket(ValidatingConnectionEventArgs connection);
}
