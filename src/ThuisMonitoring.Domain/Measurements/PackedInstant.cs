using System.Runtime.InteropServices;

namespace ThuisMonitoring.Domain.Measurements;

/// <summary>
/// A <see cref="DateTimeOffset"/> in 6 bytes, as <see cref="History.PackedVital"/> keeps a record's time (issue 14: a
/// history entry of 12 bytes instead of 16): 48 bits of UTC milliseconds since <see cref="Epoch"/> (41 bits, to
/// September 2089) and the offset in quarter hours (7 bits). <see cref="TryPack"/> refuses a time it could not give back
/// exactly: a fraction of a millisecond, an offset that is not whole quarter hours (no time zone has one), a time
/// before the epoch or past the range. The caller then keeps the whole value.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly struct PackedInstant
{
    /// <summary>The first instant that packs (UTC); the system's measurements all come after it.</summary>
    public static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int OffsetBits = 7;
    private const int MillisecondBits = 41;
    private const long OffsetMask = (1L << OffsetBits) - 1;
    private const long TicksPerQuarterHour = TimeSpan.TicksPerMinute * 15;

    // An offset is within +-14 h (DateTimeOffset's own rule): -56..56 quarter hours, stored from 0.
    private const int OffsetBias = 56;

    private readonly uint _low;
    private readonly ushort _high;

    private PackedInstant(long bits)
    {
        _low = (uint)bits;
        _high = (ushort)(bits >> 32);
    }

    /// <summary>The last instant that packs.</summary>
    public static DateTimeOffset Last { get; } =
        Epoch.AddTicks(((1L << MillisecondBits) - 1) * TimeSpan.TicksPerMillisecond);

    public DateTimeOffset Value
    {
        get
        {
            var bits = ((long)_high << 32) | _low;
            var offset = TimeSpan.FromTicks(((bits & OffsetMask) - OffsetBias) * TicksPerQuarterHour);
            var utcTicks = Epoch.UtcTicks + ((bits >> OffsetBits) * TimeSpan.TicksPerMillisecond);
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }
    }

    /// <summary>Packs <paramref name="at"/>; false when it would not read back exactly (then <paramref name="packed"/> is default).</summary>
    public static bool TryPack(DateTimeOffset at, out PackedInstant packed)
    {
        packed = default;
        var sinceEpoch = at.UtcTicks - Epoch.UtcTicks;
        if (sinceEpoch < 0 || at > Last || sinceEpoch % TimeSpan.TicksPerMillisecond != 0
            || at.Offset.Ticks % TicksPerQuarterHour != 0)
        {
            return false;
        }

        var quarterHours = (at.Offset.Ticks / TicksPerQuarterHour) + OffsetBias;
        packed = new PackedInstant(((sinceEpoch / TimeSpan.TicksPerMillisecond) << OffsetBits) | quarterHours);
        return true;
    }

    /// <summary>The same instant and offset (two packed times are equal exactly when their values are).</summary>
    public bool SameAs(PackedInstant other) => _low == other._low && _high == other._high;
}
