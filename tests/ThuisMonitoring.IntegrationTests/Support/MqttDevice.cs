using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// A device on MQTTnet 5's client (MQTT 5, QoS 1) over TCP or WebSocket: publishes to its measurements topic,
/// returns each PUBACK, and keeps what arrives on its feedback and errors topics.
/// </summary>
public sealed class MqttDevice : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly BoundDevice _device;

    private MqttDevice(BoundDevice device, MqttClientOptions options)
    {
        _device = device;
        _options = options;
        _client = Factory.CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
            // The QoS first: a test that waits on the payload then reads the QoS of the same message.
            ReceivedQos.Enqueue(e.ApplicationMessage.QualityOfServiceLevel);
            (e.ApplicationMessage.Topic == device.FeedbackTopic ? Feedback : Errors).Enqueue(payload);
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<string> Feedback { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>The QoS of every message received, in order.</summary>
    public ConcurrentQueue<MqttQualityOfServiceLevel> ReceivedQos { get; } = new();

    /// <summary>Subscribes to the feedback topic again, at <paramref name="qos"/>.</summary>
    public Task SubscribeFeedbackAsync(MqttQualityOfServiceLevel qos) =>
        _client.SubscribeAsync(Factory.CreateSubscribeOptionsBuilder().WithTopicFilter(_device.FeedbackTopic, qos).Build());

    public Task UnsubscribeFeedbackAsync() =>
        _client.UnsubscribeAsync(Factory.CreateUnsubscribeOptionsBuilder().WithTopicFilter(_device.FeedbackTopic).Build());

    public bool IsConnected => _client.IsConnected;

    public static MqttDevice OverTcp(BoundDevice device, int port) =>
        new(device, Options(device).WithTcpServer("127.0.0.1", port).Build());

    /// <summary>MQTT over TLS, trusting the server certificate only when <paramref name="validates"/> says so.</summary>
    public static MqttDevice OverTls(BoundDevice device, int port, Func<System.Security.Cryptography.X509Certificates.X509Certificate?, System.Net.Security.SslPolicyErrors, bool> validates) =>
        new(device, Options(device).WithTcpServer("127.0.0.1", port)
            .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(args => validates(args.Certificate, args.SslPolicyErrors)))
            .Build());

    public static MqttDevice OverWebSocket(BoundDevice device, Uri httpBase) =>
        new(device, Options(device).WithWebSocketServer(ws => ws.WithUri($"ws://{httpBase.Authority}/mqtt")).Build());

    /// <summary>Connects and subscribes to the device's feedback and errors topics.</summary>
    public async Task<MqttClientConnectResultCode> ConnectAsync()
    {
        var result = await _client.ConnectAsync(_options);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return result.ResultCode;
        }

        var subscription = Factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(_device.FeedbackTopic, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(_device.ErrorsTopic, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.SubscribeAsync(subscription);
        return result.ResultCode;
    }

    /// <summary>
    /// Connects again after the broker closed the connection: waits until the client has finished handling the
    /// disconnect (it refuses to connect while that is pending).
    /// </summary>
    public async Task<MqttClientConnectResultCode> ReconnectAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return await ConnectAsync();
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Publishes on the measurements topic with QoS 1 and returns the PUBACK's reason code.</summary>
    public async Task<MqttClientPublishReasonCode> PublishMeasurementAsync(byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_device.MeasurementsTopic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message);
        return result.ReasonCode;
    }

    /// <summary>Publishes <paramref name="json"/> on <paramref name="topic"/> with QoS 1 and returns the PUBACK's reason code.</summary>
    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string json)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(json))
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

    private static MqttClientOptionsBuilder Options(BoundDevice device) => new MqttClientOptionsBuilder()
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(device.DeviceId)
        .WithCredentials(device.DeviceId, device.Secret)
        .WithCleanStart(true)
        .WithTimeout(TimeSpan.FromSeconds(15));
}
