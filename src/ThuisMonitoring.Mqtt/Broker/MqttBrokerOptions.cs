using ThuisMonitoring.Mqtt.Payloads;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>The <c>Mqtt</c> configuration section.</summary>
public sealed class MqttBrokerOptions
{
    public const string Section = "Mqtt";

    /// <summary>MQTT TCP port of the embedded broker.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Address the TCP listener binds to; loopback unless the operator opens it up.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>MQTT over TLS port (8883 by convention); off unless set, and then it needs <c>Tls:CertificatePath</c>.</summary>
    public int? TlsPort { get; set; }

    /// <summary>Largest CONNECT accepted, in bytes of its remaining length; larger ones are cut off at their header.</summary>
    public int MaxConnectPacketBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// Largest packet accepted after CONNECT, in bytes of its remaining length: just above the largest payload
    /// (<see cref="PayloadLimits.MaxPayloadBytes"/>) plus room for the topic and properties. A larger packet closes the
    /// connection at its header, before its body is read.
    /// </summary>
    public int MaxPacketBytes { get; set; } = PayloadLimits.MaxPayloadBytes + 8 * 1024;

    /// <summary>How long a new connection may take to deliver its whole CONNECT.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most broker sessions one device may hold at once (a meter needs one; reconnects overlap briefly).</summary>
    public int MaxConnectionsPerDevice { get; set; } = 4;

    /// <summary>Refused logins from one address within <see cref="RefusedLoginWindow"/> before it is refused outright.</summary>
    public int MaxRefusedLoginsPerAddress { get; set; } = 20;

    /// <summary>The window over which refused logins are counted, and how long an address stays throttled.</summary>
    public TimeSpan RefusedLoginWindow { get; set; } = TimeSpan.FromMinutes(1);
}
