using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Mqtt.Tests.Broker;

/// <summary>The frame scanner follows MQTT fixed headers through any split of the bytes and refuses at the header.</summary>
public sealed class MqttFrameScannerTests
{
    private const int MaxConnect = 4096;
    private const int MaxPacket = 270_336;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void A_connect_and_publishes_pass_whatever_the_read_sizes(int chunk)
    {
        var stream = Concat(Packet(0x10, 40), Packet(0x32, 200_000), Packet(0xC0, 0), Packet(0x32, 127), Packet(0x32, 128), Packet(0x32, 16_383), Packet(0x32, 16_384));
        var scanner = new MqttFrameScanner(MaxConnect, MaxPacket);

        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            var verdict = scanner.Scan(stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset)), out _);
            verdict.Should().Be(FrameVerdict.Pass, $"at offset {offset}");
        }

        scanner.ConnectComplete.Should().BeTrue();
    }

    [Fact]
    public void A_connect_declaring_200_MB_is_refused_at_its_header()
    {
        var scanner = new MqttFrameScanner(MaxConnect, MaxPacket);
        byte[] header = [0x10, .. Length(200 * 1024 * 1024), 0x00, 0x04];

        scanner.Scan(header, out var headerEnd).Should().Be(FrameVerdict.ConnectTooLarge);

        headerEnd.Should().Be(5, "one type byte and four length bytes; the bytes after it were not looked at");
    }

    [Fact]
    public void A_connect_of_exactly_the_limit_passes_and_one_byte_more_does_not()
    {
        new MqttFrameScanner(MaxConnect, MaxPacket).Scan([0x10, .. Length(MaxConnect)], out _).Should().Be(FrameVerdict.Pass);
        new MqttFrameScanner(MaxConnect, MaxPacket).Scan([0x10, .. Length(MaxConnect + 1)], out _).Should().Be(FrameVerdict.ConnectTooLarge);
    }

    [Fact]
    public void A_publish_above_the_packet_limit_after_a_connect_is_refused()
    {
        var scanner = new MqttFrameScanner(MaxConnect, MaxPacket);
        scanner.Scan(Packet(0x10, 30), out _).Should().Be(FrameVerdict.Pass);

        scanner.Scan([0x32, .. Length(16 * 1024 * 1024)], out _).Should().Be(FrameVerdict.PacketTooLarge);
    }

    [Fact]
    public void The_first_packet_must_be_a_connect()
    {
        new MqttFrameScanner(MaxConnect, MaxPacket).Scan([0x32, .. Length(10)], out _).Should().Be(FrameVerdict.NotConnectFirst);
    }

    [Fact]
    public void A_remaining_length_of_five_bytes_is_malformed()
    {
        new MqttFrameScanner(MaxConnect, MaxPacket).Scan([0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], out _).Should().Be(FrameVerdict.MalformedLength);
    }

    [Fact]
    public void The_connect_is_complete_only_once_its_last_byte_has_passed()
    {
        var scanner = new MqttFrameScanner(MaxConnect, MaxPacket);
        var connect = Packet(0x10, 20);

        scanner.Scan(connect.AsSpan(0, connect.Length - 1), out _);
        scanner.ConnectComplete.Should().BeFalse();
        scanner.Scan(connect.AsSpan(connect.Length - 1), out _);
        scanner.ConnectComplete.Should().BeTrue();
    }

    private static byte[] Packet(byte typeAndFlags, int bodyLength) => [typeAndFlags, .. Length(bodyLength), .. new byte[bodyLength]];

    private static byte[] Length(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (value > 0);

        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
