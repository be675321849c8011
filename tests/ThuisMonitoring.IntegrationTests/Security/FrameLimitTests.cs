using System.Diagnostics;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// Issue 9: the broker must not read a packet into memory because its header says it is large. Tried as an attacker
/// would, with raw sockets: CONNECTs that declare 200 MB, a PUBLISH that declares 16 MB, a socket that never says
/// CONNECT. Each is cut off at its header (or its deadline), and the host's memory shows it.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class FrameLimitTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private const int Declared = 200 * 1024 * 1024;
    private readonly HostLog _log = new(shared.Host, output);

    [Fact]
    public async Task Eight_connects_declaring_200_MB_are_cut_off_at_their_header_and_the_host_does_not_grow()
    {
        var before = ResidentMegabytes(shared.Host);
        var attacks = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = await RawMqtt.OpenAsync(shared.Host.MqttPort);
            var stream = client.GetStream();
            await stream.WriteAsync(RawMqtt.FixedHeader(0x10, Declared));
            await stream.WriteAsync(RawMqtt.ConnectPreamble(level: 5));
            var closed = RawMqtt.ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(10));
            // What the old broker did: take every byte it is sent and keep it until the packet is whole.
            var written = await RawMqtt.WriteFillerAsync(stream, 48L * 1024 * 1024);
            return (Answer: await closed, Written: written);
        }).ToList();

        var results = await Task.WhenAll(attacks);
        var after = ResidentMegabytes(shared.Host);
        output.WriteLine($"host RSS {before} MB → {after} MB; filler accepted per connection: {string.Join(", ", results.Select(r => r.Written / 1024 / 1024 + " MB"))}");

        foreach (var (answer, _) in results)
        {
            answer.Should().Equal([0x20, 0x03, 0x00, 0x95, 0x00], "an MQTT 5 client is told CONNACK 0x95 Packet too large before the connection is closed");
        }

        (after - before).Should().BeLessThan(100, "nothing of the declared 8 × 200 MB may be buffered");
        shared.Host.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_publish_declaring_16_MB_closes_the_connection_before_its_body_is_read()
    {
        var patient = await shared.Ward.AdmitAsync();
        using var client = await RawMqtt.OpenAsync(shared.Host.MqttPort);
        var stream = client.GetStream();
        await stream.WriteAsync(RawMqtt.Connect311(patient.Device.DeviceId, patient.Device.Secret));
        var connAck = new byte[4];
        await stream.ReadExactlyAsync(connAck);
        connAck.Should().Equal([0x20, 0x02, 0x00, 0x00], "the device is accepted");

        var topic = RawMqtt.Utf8String(patient.Device.MeasurementsTopic);
        await stream.WriteAsync(RawMqtt.FixedHeader(0x32, 16 * 1024 * 1024));
        await stream.WriteAsync(topic);
        await stream.WriteAsync(new byte[] { 0x00, 0x01 });
        // One megabyte of the sixteen: the old broker waited for the other fifteen before it looked at the packet.
        await RawMqtt.WriteFillerAsync(stream, 1024 * 1024);

        var clock = Stopwatch.StartNew();
        var answer = await RawMqtt.ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(5));
        output.WriteLine($"closed after {clock.ElapsedMilliseconds} ms, {answer.Length} bytes answered");
        answer.Should().BeEmpty("MQTT 3.1.1 has no reason code for it: the connection is closed, nothing is acknowledged");
        (await MeasurementFile.MessageIdsOfAsync(shared.Host, patient.Device.DeviceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Over_WebSocket_a_publish_above_the_packet_limit_closes_the_connection_and_the_device_reconnects()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverWebSocket(patient.Device, shared.Host.BaseAddress);
        (await device.ConnectAsync()).Should().Be(MQTTnet.MqttClientConnectResultCode.Success);

        var oversized = async () => await device.PublishMeasurementAsync(new byte[1024 * 1024]);

        await oversized.Should().ThrowAsync<Exception>("a 1 MB packet is cut off at its header, not read and answered");
        (await device.ReconnectAsync()).Should().Be(MQTTnet.MqttClientConnectResultCode.Success);
        var messageId = Measurement.NewMessageId();
        (await device.PublishMeasurementAsync(System.Text.Encoding.UTF8.GetBytes(Measurement.Green(messageId))))
            .Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
        (await MeasurementFile.MessageIdsOfAsync(shared.Host, patient.Device.DeviceId)).Should().Equal([messageId]);
    }

    [Fact]
    public async Task A_socket_that_sends_no_connect_is_closed_after_about_five_seconds()
    {
        using var client = await RawMqtt.OpenAsync(shared.Host.MqttPort);
        var clock = Stopwatch.StartNew();

        var answer = await RawMqtt.ReadUntilClosedAsync(client.GetStream(), TimeSpan.FromSeconds(15));

        output.WriteLine($"closed after {clock.ElapsedMilliseconds} ms");
        answer.Should().BeEmpty();
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(4)).And.BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_connect_that_trickles_in_is_closed_at_the_connect_deadline()
    {
        using var client = await RawMqtt.OpenAsync(shared.Host.MqttPort);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        var closed = RawMqtt.ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(15));
        foreach (var b in RawMqtt.FixedHeader(0x10, 40).Concat(RawMqtt.ConnectPreamble(level: 4)))
        {
            // One byte a second: each byte alone would keep an idle timeout from firing.
            try
            {
                await stream.WriteAsync(new[] { b });
            }
            catch (IOException)
            {
                // The host closed the connection between two bytes (the reader sees it too): that is the deadline.
                break;
            }

            await Task.Delay(1000);
            if (closed.IsCompleted)
            {
                break;
            }
        }

        await closed;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    public void Dispose() => _log.Dispose();

    private static long ResidentMegabytes(HostProcess host)
    {
        var status = File.ReadAllLines($"/proc/{host.ProcessId}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
