using System.Runtime.InteropServices;

namespace ThuisMonitoring.Domain.Measurements;

/// <summary>
/// A <see cref="DateTimeOffset"/> to the millisecond in 6 bytes, as <see cref="History.PackedVital"/> and
/// <see cref="Continuous.PackedSample"/> keep a time (issue 14: entries of 12 bytes instead of 16): UTC milliseconds
/// since <see cref="Epoch"/> (41 bits, to September 2089) and the offset in quarter hours (7 bits).
/// </summary>
/// <remarks>
/// What is finer than a millisecond (0-9,999 ticks; a device that stamps microseconds) is given apart by
/// <see cref="TryPack"/> and back to <see cref="At"/>: the holder keeps it beside its entries only once one comes, so
/// whole milliseconds (the simulator, most meters) cost nothing and finer times 2 bytes more, not a whole value.
/// <see cref="TryPack"/> refuses a time it could not give back exactly: an offset that is not whole quarter hours (no
/// time zone in use has one), a time before the epoch or past the range. The caller then keeps the whole value.
/// </remarks>
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

    /// <summary>The last instant that packs (the last tick of the last millisecond).</summary>
    public static DateTimeOffset Last { get; } =
        Epoch.AddTicks(((1L << MillisecondBits) * TimeSpan.TicksPerMillisecond) - 1);

    /// <summary>The time, with the part finer than a millisecond that <see cref="TryPack"/> gave apart.</summary>
    public DateTimeOffset At(ushort finerTicks)
    {
        var bits = ((long)_high << 32) | _low;
        var offset = TimeSpan.FromTicks(((bits & OffsetMask) - OffsetBias) * TicksPerQuarterHour);
        var utcTicks = Epoch.UtcTicks + ((bits >> OffsetBits) * TimeSpan.TicksPerMillisecond) + finerTicks;
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }

    /// <summary>
    /// Packs <paramref name="at"/> to the millisecond and gives what is finer apart (<paramref name="finerTicks"/>, 0 for
    /// a whole millisecond); false when it would not read back exactly (then both are default).
    /// </summary>
    public static bool TryPack(DateTimeOffset at, out PackedInstant packed, out ushort finerTicks)
    {
        packed = default;
        finerTicks = 0;
        var sinceEpoch = at.UtcTicks - Epoch.UtcTicks;
        if (sinceEpoch < 0 || at > Last || at.Offset.Ticks % TicksPerQuarterHour != 0)
        {
            return false;
        }

        var quarterHours = (at.Offset.Ticks / TicksPerQuarterHour) + OffsetBias;
        packed = new PackedInstant(((sinceEpoch / TimeSpan.TicksPerMillisecond) << OffsetBits) | quarterHours);
        finerTicks = (ushort)(sinceEpoch % TimeSpan.TicksPerMillisecond);
        return true;
    }

    /// <summary>The same millisecond and offset (with the same finer ticks, two times are equal exactly when these are).</summary>
    public bool SameAs(PackedInstant other) => _low == other._low && _high == other._high;
}
