namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// Follows the MQTT fixed headers (packet type and remaining length, MQTT 3.1.1 §2.2 and 5.0 §2.1) through a
/// connection's incoming bytes, without buffering any packet, so a packet that declares too large a length is caught
/// at its header — before the broker would read its body into memory.
/// </summary>
internal struct MqttFrameScanner(int maxConnectBytes, int maxPacketBytes)
{
    private const int ConnectType = 1;

    private bool _inLength;
    private int _type;
    private int _length;
    private int _multiplier;
    private int _lengthBytes;
    private long _bodyLeft;

    /// <summary>Whether the first packet (the CONNECT) has been passed whole.</summary>
    public bool ConnectComplete { get; private set; }

    /// <summary>Scans <paramref name="bytes"/>; on a refused header, says why and where the header ended.</summary>
    public FrameVerdict Scan(ReadOnlySpan<byte> bytes, out int headerEnd)
    {
        headerEnd = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if (_bodyLeft > 0)
            {
                var take = (int)Math.Min(_bodyLeft, bytes.Length - i);
                _bodyLeft -= take;
                i += take;
                if (_bodyLeft == 0)
                {
                    PacketPassed();
                }

                continue;
            }

            var b = bytes[i++];
            if (!_inLength)
            {
                _type = b >> 4;
                _inLength = true;
                _length = 0;
                _multiplier = 1;
                _lengthBytes = 0;
                continue;
            }

            _length += (b & 0x7F) * _multiplier;
            _multiplier *= 128;
            _lengthBytes++;
            if ((b & 0x80) != 0)
            {
                if (_lengthBytes == 4)
                {
                    headerEnd = i;
                    return FrameVerdict.MalformedLength;
                }

                continue;
            }

            _inLength = false;
            var first = !ConnectComplete;
            if (first && _type != ConnectType)
            {
                headerEnd = i;
                return FrameVerdict.NotConnectFirst;
            }

            if (_length > (first ? maxConnectBytes : maxPacketBytes))
            {
                headerEnd = i;
                return first ? FrameVerdict.ConnectTooLarge : FrameVerdict.PacketTooLarge;
            }

            _bodyLeft = _length;
            if (_bodyLeft == 0)
            {
                PacketPassed();
            }
        }

        return FrameVerdict.Pass;
    }

    private void PacketPassed() => ConnectComplete = true;
}

/// <summary>What <see cref="MqttFrameScanner"/> made of the bytes it saw.</summary>
internal enum FrameVerdict
{
    Pass,
    ConnectTooLarge,
    PacketTooLarge,
    NotConnectFirst,
    MalformedLength,
}
