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

    /// <summary>How long a disconnect may take before the client is dropped anyway (a dead peer never answers).</summary>
    public static readonly TimeSpan DefaultDisconnectBound = TimeSpan.FromSeconds(5);

    private IMqttClient _client;
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
        _client = CreateClient();
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(mqttHost, mqttPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, secret)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(keepAlive ?? TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
    }

    public string DeviceId { get; }

    public DeviceTopics Topics { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Raised for every message on the feedback topic (on the MQTT receive loop: keep it short).</summary>
    public event Action<DeviceFeedback>? FeedbackReceived;

    /// <summary>Raised for every message on the errors topic (on the MQTT receive loop: keep it short).</summary>
    public event Action<DeviceErrors>? ErrorsReceived;

    /// <summary>
    /// Raised (on the thread pool) when the current session, once connected, is lost: the broker closed it, the
    /// connection broke or keep-alive found the peer gone. Not raised for a session given up by <see cref="ResetAsync"/>.
    /// </summary>
    public event Action? SessionLost;

    /// <summary>Whether the device subscribes to its feedback and errors topics when it connects.</summary>
    public bool Subscribes => _subscribe;

    /// <summary>Connects and subscribes to feedback and errors (unless told not to); throws when the broker refuses the device.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var client = _client;
        var result = await client.ConnectAsync(_options, cancellationToken);
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
        await client.SubscribeAsync(subscription, cancellationToken);
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

    /// <summary>Disconnects, waiting at most <paramref name="bound"/> (default <see cref="DefaultDisconnectBound"/>) for the broker.</summary>
    public Task DisconnectAsync(TimeSpan? bound = null) => DisconnectAsync(_client, bound ?? DefaultDisconnectBound);

    /// <summary>
    /// Gives the current session up: the client is disconnected (waiting at most <paramref name="disconnectBound"/>)
    /// and replaced by a new one, so the next <see cref="ConnectAsync"/> starts a clean session whatever state the
    /// old client was left in. Publishes in flight on the old session fail.
    /// </summary>
    public async Task ResetAsync(TimeSpan disconnectBound)
    {
        var old = Interlocked.Exchange(ref _client, CreateClient());
        await DisconnectAsync(old, disconnectBound);
        old.Dispose();
    }

    public ValueTask DisposeAsync() => DisposeAsync(DefaultDisconnectBound);

    /// <summary>Disconnects (waiting at most <paramref name="disconnectBound"/>) and releases the client.</summary>
    public async ValueTask DisposeAsync(TimeSpan disconnectBound)
    {
        await DisconnectAsync(disconnectBound);
        _client.Dispose();
    }

    private static async Task DisconnectAsync(IMqttClient client, TimeSpan bound)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(bound);
        try
        {
            // WaitAsync as well: a client whose peer is gone may not honour the token.
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).WaitAsync(bound);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The session is going away either way.
        }
    }

    private IMqttClient CreateClient()
    {
        var client = Factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += e =>
        {
            // Only the current client's sessions; off the client's own loop, so a handler may reconnect at once.
            if (e.ClientWasConnected && ReferenceEquals(client, Volatile.Read(ref _client)) && SessionLost is { } lost)
            {
                ThreadPool.QueueUserWorkItem(_ => lost());
            }

            return Task.CompletedTask;
        };
        return client;
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
