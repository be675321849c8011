using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// A device with a list of brokers (every host of the cluster) that streams green measurements at QoS 1 (MQTTnet 5,
/// MQTT 5) one after the other. When its connection breaks or a publish is not acknowledged it keeps the message and
/// sends it again with the same message id, after connecting to the next host in its list if the connection is gone,
/// as a real device does. It keeps every message id it sent and every one acknowledged (PUBACK success), with when
/// and through which host.
/// </summary>
public sealed class FailoverDevice : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private readonly BoundDevice _device;
    private readonly IReadOnlyList<int> _ports;
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly ConcurrentQueue<Acknowledgement> _acknowledged = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private int _index;
    private IMqttClient? _client;

    public FailoverDevice(BoundDevice device, IReadOnlyList<int> mqttPorts, int firstHost)
    {
        _device = device;
        _ports = mqttPorts;
        _index = firstHost;
    }

    public string DeviceId => _device.DeviceId;

    /// <summary>Every message id sent at least once.</summary>
    public IReadOnlyCollection<string> Sent => _sent.Distinct().ToList();

    /// <summary>Every acknowledged message, in order.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledged => _acknowledged.ToList();

    /// <summary>What went wrong on the way (broken connections, refused publishes), for diagnosis.</summary>
    public IReadOnlyList<string> Failures => _failures.ToList();

    /// <summary>The MQTT port the device is connected to now (or last tried).</summary>
    public int Port => _ports[Volatile.Read(ref _index)];

    /// <summary>Publishes one measurement after another, <paramref name="pause"/> apart, until <paramref name="stop"/>; then disconnects.</summary>
    public async Task StreamAsync(TimeSpan pause, CancellationToken stop)
    {
        string? pending = null;
        byte[]? payload = null;
        while (!stop.IsCancellationRequested)
        {
            if (_client is not { IsConnected: true })
            {
                if (!await ConnectAsync())
                {
                    await Delay(TimeSpan.FromMilliseconds(500), stop);
                    continue;
                }
            }

            if (pending is null)
            {
                pending = Measurement.NewMessageId();
                payload = Encoding.UTF8.GetBytes(Measurement.Green(pending));
            }

            _sent.Enqueue(pending);
            var port = Port;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var result = await _client!.PublishAsync(
                    new MqttApplicationMessageBuilder()
                        .WithTopic(_device.MeasurementsTopic)
                        .WithPayload(payload!)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(),
                    timeout.Token);
                if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    _acknowledged.Enqueue(new Acknowledgement(pending, DateTime.UtcNow, port));
                    pending = null;
                }
                else
                {
                    // Not acknowledged (e.g. the grain's silo just died): the same message again, after a moment.
                    _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} port {port}: {result.ReasonCode} for {pending}");
                    await Delay(TimeSpan.FromMilliseconds(500), stop);
                    continue;
                }
            }
            catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} port {port}: {exception.GetType().Name} {exception.Message}");
                await DropAsync(next: true);
                continue;
            }

            await Delay(pause, stop);
        }

        await DropAsync(next: false);
    }

    public ValueTask DisposeAsync() => new(DropAsync(next: false));

    private async Task<bool> ConnectAsync()
    {
        await DropAsync(next: false);
        var port = Port;
        var client = Factory.CreateMqttClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var result = await client.ConnectAsync(
                new MqttClientOptionsBuilder()
                    .WithProtocolVersion(MqttProtocolVersion.V500)
                    .WithClientId(_device.DeviceId)
                    .WithCredentials(_device.DeviceId, _device.Secret)
                    .WithCleanStart(true)
                    .WithKeepAlivePeriod(TimeSpan.FromSeconds(10))
                    .WithTcpServer("127.0.0.1", port)
                    .WithTimeout(TimeSpan.FromSeconds(15))
                    .Build(),
                timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                _client = client;
                return true;
            }

            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} port {port}: connect {result.ResultCode}");
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} port {port}: connect {exception.GetType().Name} {exception.Message}");
        }

        client.Dispose();
        Next();
        return false;
    }

    private async Task DropAsync(bool next)
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                if (client.IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
                }
            }
            catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                // Already gone.
            }

            client.Dispose();
        }

        if (next)
        {
            Next();
        }
    }

    private void Next() => Volatile.Write(ref _index, (_index + 1) % _ports.Count);

    private static async Task Delay(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}

/// <summary>A PUBACK with reason success: which message, when it arrived, through which host's MQTT port.</summary>
public sealed record Acknowledgement(string MessageId, DateTime At, int Port);
