using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// Every device connection (TCP and WebSocket) enters here before MQTTnet sees a byte: its incoming bytes pass through
/// <see cref="MqttFrameScanner"/>, which cuts a connection off at the header of a CONNECT larger than
/// <see cref="MqttBrokerOptions.MaxConnectPacketBytes"/> or a later packet larger than
/// <see cref="MqttBrokerOptions.MaxPacketBytes"/>, and when the CONNECT is not complete within
/// <see cref="MqttBrokerOptions.ConnectTimeout"/>. MQTTnet itself buffers a packet whole before it parses it, whatever
/// length it declares, and waits 100 s for a CONNECT.
/// </summary>
public sealed class DeviceConnectionHandler : ConnectionHandler
{
    // MQTT 5 CONNACK (§3.2) with reason code 0x95 Packet too large and no properties.
    private static readonly byte[] ConnAckPacketTooLarge = [0x20, 0x03, 0x00, 0x95, 0x00];

    private readonly MqttConnectionHandler _mqtt;
    private readonly MqttBrokerOptions _options;
    private readonly SampledWarnings _warnings;

    public DeviceConnectionHandler(MqttConnectionHandler mqtt, IOptions<MqttBrokerOptions> options, TimeProvider clock, ILogger<DeviceConnectionHandler> logger)
    {
        _mqtt = mqtt;
        _options = options.Value;
        _warnings = new SampledWarnings(logger, "cut-off device connections", 10, TimeSpan.FromMinutes(1), clock);
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var transport = connection.Transport;
        // The broker reads a packet only once it is whole, so the pipe must hold the largest allowed packet.
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: 2L * _options.MaxPacketBytes,
            resumeWriterThreshold: _options.MaxPacketBytes,
            useSynchronizationContext: false));
        connection.Transport = new DuplexPipe(pipe.Reader, transport.Output);
        var pump = PumpAsync(connection, transport, pipe.Writer);
        try
        {
            await _mqtt.OnConnectedAsync(connection);
        }
        finally
        {
            transport.Input.CancelPendingRead();
            var cutOff = await pump;
            connection.Transport = transport;
            if (cutOff)
            {
                // Only now, after the broker has ended the session: a device that reconnects at once under the same
                // client id must not find the old session's clean-up still to come (it would end the new session).
                connection.Abort(new ConnectionAbortedException("Cut off by the MQTT frame limits."));
            }
        }
    }

    /// <summary>Passes the connection's bytes to the broker until it ends; true when it was cut off.</summary>
    private async Task<bool> PumpAsync(ConnectionContext connection, IDuplexPipe transport, PipeWriter broker)
    {
        var scanner = new MqttFrameScanner(_options.MaxConnectPacketBytes, _options.MaxPacketBytes);
        using var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        connectDeadline.CancelAfter(_options.ConnectTimeout);
        Exception? ending = null;
        try
        {
            while (true)
            {
                var read = await transport.Input.ReadAsync(scanner.ConnectComplete ? connection.ConnectionClosed : connectDeadline.Token);
                if (read.IsCanceled)
                {
                    break;
                }

                var buffer = read.Buffer;
                foreach (var segment in buffer)
                {
                    var verdict = scanner.Scan(segment.Span, out var headerEnd);
                    if (verdict != FrameVerdict.Pass)
                    {
                        await RefuseAsync(connection, transport, verdict, segment.Span[headerEnd..].ToArray());
                        transport.Input.AdvanceTo(buffer.End);
                        return true;
                    }

                    broker.Write(segment.Span);
                }

                transport.Input.AdvanceTo(buffer.End);
                var flushed = await broker.FlushAsync();
                if (read.IsCompleted || flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!scanner.ConnectComplete && connectDeadline.IsCancellationRequested && !connection.ConnectionClosed.IsCancellationRequested)
        {
            _warnings.Warn(log => log.LogWarning(
                "Closed MQTT connection {ConnectionId} from {Remote}: no complete CONNECT within {Seconds} s",
                connection.ConnectionId, Remote(connection), _options.ConnectTimeout.TotalSeconds));
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException or ObjectDisposedException)
        {
            ending = exception;
        }
        finally
        {
            await broker.CompleteAsync(ending is OperationCanceledException ? null : ending);
        }

        return false;
    }

    private async Task RefuseAsync(ConnectionContext connection, IDuplexPipe transport, FrameVerdict verdict, byte[] afterHeader)
    {
        // A CONNECT's variable header starts with the protocol name (2-byte length + "MQTT") and the protocol level.
        if (verdict == FrameVerdict.ConnectTooLarge && afterHeader.Length >= 7 && afterHeader[6] == 5)
        {
            await transport.Output.WriteAsync(ConnAckPacketTooLarge);
        }

        _warnings.Warn(log => log.LogWarning(
            "Closed MQTT connection {ConnectionId} from {Remote}: {Verdict} (limits: CONNECT {MaxConnect} bytes, packets {MaxPacket} bytes)",
            connection.ConnectionId, Remote(connection), verdict, _options.MaxConnectPacketBytes, _options.MaxPacketBytes));
    }

    private static string Remote(ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown";
}
