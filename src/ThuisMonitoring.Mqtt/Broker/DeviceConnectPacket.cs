using System.Runtime.CompilerServices;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// What the broker changes in a device's CONNECT while it validates it. MQTTnet 5 exposes no setters for these, so
/// they are written into the CONNECT packet it validates (field <c>_connectPacket</c>, pinned to MQTTnet 5.2); the
/// MQTT integration tests (empty client ids, session takeover, wills) guard each of them.
/// </summary>
internal static class DeviceConnectPacket
{
    /// <summary>Separates the device id from the client's own id in the broker's session key.</summary>
    public const char SessionKeySeparator = '/';

    /// <summary>
    /// Binds the session to the authenticated device. The broker keys sessions by client id, and a device that
    /// connects with another device's client id (clean session off) would otherwise resume that device's session —
    /// its subscriptions, its queued feedback and its identity for every publish. Keyed by device id and client id,
    /// a session can only ever be resumed by the device that made it. The client never sees the key: an id it chose
    /// is not echoed, and an id assigned to an MQTT 5 client is the bare <paramref name="clientId"/>.
    /// </summary>
    /// <remarks>
    /// MQTT 3.1.1 §3.1.3.1 [MQTT-3.1.3-6]: a server may accept an empty client id and must then assign a unique one;
    /// MQTTnet 5 assigns ids only to MQTT 5 clients and would refuse 3.1.1 clients (mosquitto_pub among them).
    /// </remarks>
    public static void BindSessionToDevice(ValidatingConnectionEventArgs connection, string sessionKey, string clientId, bool assigned)
    {
        if (assigned && connection.ProtocolVersion == MqttProtocolVersion.V500)
        {
            connection.AssignedClientIdentifier = clientId;
        }

        UseClientId(connection, sessionKey);
    }

    /// <summary>Sets the id the broker knows the connection by.</summary>
    public static void UseClientId(ValidatingConnectionEventArgs connection, string clientId) => Packet(connection).ClientId = clientId;

    /// <summary>The broker's session key for a device's client id.</summary>
    public static string SessionKey(string deviceId, string clientId) => deviceId + SessionKeySeparator + clientId;

    /// <summary>
    /// Contract §2: wills from devices are not stored. The will is dropped at CONNECT, so the broker never publishes
    /// it (a will on the device's own measurements topic would otherwise be ingested as a real measurement when the
    /// device drops). Returns whether the device had declared one.
    /// </summary>
    public static bool DiscardWill(ValidatingConnectionEventArgs connection)
    {
        var packet = Packet(connection);
        if (!packet.WillFlag)
        {
            return false;
        }

        packet.WillFlag = false;
        packet.WillTopic = null;
        packet.WillMessage = null;
        packet.WillRetain = false;
        return true;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_connectPacket")]
    private static extern ref MqttConnectPacket Packet(ValidatingConnectionEventArgs connection);
}
