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

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

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
        connection.Transport = new DuplexPipe(pipe.Reader, new BrokerOutput(transport.Output));
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
                // What the device still sends is read and dropped for a moment, so the close is not a reset that
                // destroys the CONNACK on its way.
                await DrainAsync(transport.Input, DrainTime);
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
        var ending = "the device closed the connection";
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
                var segmentStart = buffer.Start;
                foreach (var segment in buffer)
                {
                    var verdict = scanner.Scan(segment.Span, out var headerEnd);
                    if (verdict != FrameVerdict.Pass)
                    {
                        var rest = buffer.Slice(buffer.GetPosition(headerEnd, segmentStart));
                        var afterHeader = rest.Slice(0, Math.Min(rest.Length, 16)).ToArray();
                        transport.Input.AdvanceTo(buffer.End);
                        await RefuseAsync(connection, transport, verdict, afterHeader);
                        ending = verdict.ToString();
                        return true;
                    }

                    broker.Write(segment.Span);
                    segmentStart = buffer.GetPosition(segment.Length, segmentStart);
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
            ending = "no CONNECT in time";
            return true;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException or ObjectDisposedException)
        {
            ending = exception.Message;
        }
        finally
        {
            // Always with an exception: MQTTnet's reader, given a completed pipe that ends inside a packet, would read
            // the same partial packet again and again instead of ending the connection.
            await broker.CompleteAsync(new ConnectionAbortedException(ending));
        }

        return false;
    }

    private static async Task DrainAsync(PipeReader input, TimeSpan time)
    {
        using var deadline = new CancellationTokenSource(time);
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token);
                input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException or InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// The protocol level of a refused CONNECT (4 = MQTT 3.1.1, 5 = MQTT 5), which decides whether it may be answered
    /// with a reason code: its variable header starts with the protocol name (2-byte length + "MQTT"), then the level.
    /// </summary>
    private static async Task<int?> ProtocolLevelAsync(PipeReader input, byte[] afterHeader)
    {
        const int LevelOffset = 6;
        if (afterHeader.Length > LevelOffset)
        {
            return afterHeader[LevelOffset];
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(deadline.Token);
                var wanted = LevelOffset + 1 - afterHeader.Length;
                if (read.Buffer.Length >= wanted)
                {
                    var level = read.Buffer.Slice(wanted - 1, 1).FirstSpan[0];
                    input.AdvanceTo(read.Buffer.End);
                    return level;
                }

                input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                if (read.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectionResetException or IOException)
        {
            return null;
        }
    }

    private async Task RefuseAsync(ConnectionContext connection, IDuplexPipe transport, FrameVerdict verdict, byte[] afterHeader)
    {
        if (verdict == FrameVerdict.ConnectTooLarge && await ProtocolLevelAsync(transport.Input, afterHeader) == 5)
        {
            await transport.Output.WriteAsync(ConnAckPacketTooLarge);
        }

        _warnings.Warn(log => log.LogWarning(
            "Closed MQTT connection {ConnectionId} from {Remote}: {Verdict} (limits: CONNECT {MaxConnect} bytes, packets {MaxPacket} bytes)",
            connection.ConnectionId, Remote(connection), verdict, _options.MaxConnectPacketBytes, _options.MaxPacketBytes));
    }

    private static string Remote(ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown";
}
