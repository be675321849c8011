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
}
