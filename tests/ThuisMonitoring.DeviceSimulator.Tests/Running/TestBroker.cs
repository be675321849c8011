using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace ThuisMonitoring.DeviceSimulator.Tests.Running;

/// <summary>
/// An in-process MQTT 5 broker that plays the platform's side of CONTRACT section 2: it acknowledges valid
/// measurements with feedback, rejects invalid ones with PUBACK 0x99 and a message on the errors topic.
/// </summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly bool _holdAnswers;
    private readonly ConcurrentQueue<string?> _received = new();
    private readonly TaskCompletionSource _firstArrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestBroker(MqttServer server, int port, bool holdAnswers)
    {
        _server = server;
        Port = port;
        _holdAnswers = holdAnswers;
    }

    private int _subscriptions;

    public int Port { get; }

    /// <summary>How many topic filters devices have subscribed to.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>The messageId of every device publish that reached the broker, in order (null when unreadable).</summary>
    public IReadOnlyCollection<string?> Received => _received;

    /// <summary>Completes when the first device publish reaches the broker.</summary>
    public Task FirstArrival => _firstArrival.Task;

    /// <summary>
    /// A broker on a free port, or on <paramref name="port"/> (a broker started again where one stopped). With
    /// <paramref name="holdAnswers"/> it never answers a publish (no PUBACK) until it is stopped: publishes stay in flight.
    /// </summary>
    public static async Task<TestBroker> StartAsync(int? port = null, bool holdAnswers = false)
    {
        port ??= FreePort();
        var factory = new MqttServerFactory();
        var server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port.Value)
            .WithDefaultEndpointReuseAddress()
            .Build());
        var broker = new TestBroker(server, port.Value, holdAnswers);
        server.InterceptingSubscriptionAsync += _ =>
        {
            Interlocked.Increment(ref broker._subscriptions);
            return Task.CompletedTask;
        };
        server.ValidatingConnectionAsync += e =>
        {
            if (e.UserName != e.ClientId || e.Password != "secret-" + e.ClientId)
            {
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += broker.AnswerAsync;
        await server.StartAsync();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private async Task AnswerAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == "platform")
        {
            return;
        }

        e.ProcessPublish = false;
        var deviceId = e.ClientId;
        var json = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
        var messageId = MessageIdOf(json);
        _received.Enqueue(messageId);
        _firstArrival.TrySetResult();
        if (_holdAnswers)
        {
            try
            {
                // Until the session ends (the broker stops): the publish gets no answer.
                await Task.Delay(Timeout.Infinite, e.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The broker is stopping.
            }

            e.CloseConnection = true;
            return;
        }

        var violations = ContractRules.Violations(json, DateTimeOffset.UtcNow);
        string topic;
        string answer;
        if (violations.Count == 0)
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.Success;
            topic = $"thuismonitoring/v1/devices/{deviceId}/feedback";
            answer = JsonSerializer.Serialize(new { messageId, receivedAt = DateTimeOffset.UtcNow, level = "green", text = "Uw waarden zijn goed." });
        }
        else
        {
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            topic = $"thuismonitoring/v1/devices/{deviceId}/errors";
            answer = JsonSerializer.Serialize(new { messageId, errors = violations.Select(v => new { field = v, message = v }) });
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(answer)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = "platform" });
    }

    private static string? MessageIdOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
