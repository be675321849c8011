using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>A pulse oximeter on MQTTnet 5's client (MQTT 5, QoS 1): publishes measurements as a real device does (CONTRACT section 2).</summary>
public sealed class Oximeter : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private readonly IMqttClient _client = Factory.CreateMqttClient();
    private readonly string _deviceId;

    private Oximeter(string deviceId) => _deviceId = deviceId;

    public static async Task<Oximeter> ConnectAsync(int port, string deviceId, string secret)
    {
        var oximeter = new Oximeter(deviceId);
        var options = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, secret)
            .WithTcpServer("127.0.0.1", port)
            .WithCleanStart(true)
            .Build();
        var result = await oximeter._client.ConnectAsync(options);
        result.ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        return oximeter;
    }

    /// <summary>Publishes one measurement JSON; returns the PUBACK reason code.</summary>
    public async Task<MqttClientPublishReasonCode> PublishAsync(string json)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"thuismonitoring/v1/devices/{_deviceId}/measurements")
            .WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return (await _client.PublishAsync(message)).ReasonCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
