using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ThuisMonitoring.DeviceSimulator.Devices;

/// <summary>
/// One device's MQTT 5 session with the platform: signs in with deviceId and secret, publishes measurements with
/// QoS 1 and listens on its feedback and errors topics. Publishing may be done from several tasks at once.
/// </summary>
public sealed partial class SimulatedDevice : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly bool _subscribe;

    /// <summary>
    /// A device session (not yet connected); a zero <paramref name="keepAlive"/> turns MQTT keep-alive off. Without
    /// <paramref name="subscribe"/> the device never subscribes to its feedback and errors topics (a bare load
    /// generator's device: publishes only).
    /// </summary>
    public SimulatedDevice(
        string deviceId, string secret, string mqttHost, int mqttPort, ILogger? logger = null, TimeSpan? keepAlive = null, bool subscribe = true)
    {
        DeviceId = deviceId;
        _subscribe = subscribe;
        Topics = DeviceTopics.For(deviceId);
        _logger = logger ?? NullLogger.Instance;
        _client = Factory.CreateMqttClient();
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(mqttHost, mqttPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, secret)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(keepAlive ?? TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public string DeviceId { get; }

    public DeviceTopics Topics { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Raised for every message on the feedback topic (on the MQTT receive loop: keep it short).</summary>
    public event Action<DeviceFeedback>? FeedbackReceived;

    /// <summary>Raised for every message on the errors topic (on the MQTT receive loop: keep it short).</summary>
    public event Action<DeviceErrors>? ErrorsReceived;

    /// <summary>Whether the device subscribes to its feedback and errors topics when it connects.</summary>
    public bool Subscribes => _subscribe;

    /// <summary>Connects and subscribes to feedback and errors (unless told not to); throws when the broker refuses the device.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Broker refused device {DeviceId}: {result.ResultCode} {result.ReasonString}");
        }

        if (!_subscribe)
        {
            return;
        }

        var subscription = Factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Feedback, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.Errors, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.SubscribeAsync(subscription, cancellationToken);
    }

    /// <summary>Connects again when the session was lost; true when it is connected afterwards.</summary>
    public async Task<bool> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return true;
        }

        try
        {
            await ConnectAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReconnectFailed(DeviceId, e.Message);
            return false;
        }
    }

    /// <summary>Publishes one payload on the measurements topic with QoS 1 and returns the PUBACK.</summary>
    public async Task<PublishOutcome> PublishMeasurementAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Measurements)
            .WithPayload(payload)
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        return new PublishOutcome(result.IsSuccess, result.ReasonCode.ToString());
    }

    public async Task DisconnectAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The session is going away either way.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _client.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload;
        try
        {
            if (topic == Topics.Feedback)
            {
                var feedback = Read<DeviceFeedback>(payload);
                if (feedback is not null)
                {
                    FeedbackReceived?.Invoke(feedback);
                }
            }
            else if (topic == Topics.Errors)
            {
                var errors = Read<DeviceErrors>(payload);
                if (errors is not null)
                {
                    ErrorsReceived?.Invoke(errors);
                }
            }
        }
        catch (JsonException ex)
        {
            LogUnreadableAnswer(DeviceId, topic, ex.Message);
        }

        return Task.CompletedTask;
    }

    private static T? Read<T>(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        return JsonSerializer.Deserialize<T>(ref reader, SimulatorJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not reconnect: {Reason}")]
    private partial void LogReconnectFailed(string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} got an unreadable message on {Topic}: {Reason}")]
    private partial void LogUnreadableAnswer(string deviceId, string topic, string reason);
}
