namespace ThuisMonitoring.Domain.Measurements;

/// <summary>
/// How the compact in-memory forms (<see cref="Continuous.PackedSample"/>, <see cref="History.PackedVital"/>) hold a
/// value: a whole vital in a byte (<see cref="Missing"/> for none), a decimal in thousandths in 16 bits, each only when
/// it reads back exactly; the caller keeps the whole value otherwise.
/// </summary>
internal static class PackedValues
{
    public const byte Missing = byte.MaxValue;
    public const double ThousandthsScale = 1000;

    public static int? FromByte(byte value) => value == Missing ? null : value;

    public static bool TryByte(int? value, out byte packed)
    {
        if (value is not { } v)
        {
            packed = Missing;
            return true;
        }

        packed = (byte)v;
        return v is >= 0 and < Missing;
    }

    /// <summary>
    /// Thousandths below <paramref name="limit"/>, when that gives the same double back (every value with up to three
    /// decimals, as devices and prescriptions send them).
    /// </summary>
    public static bool TryThousandths(double value, int limit, out ushort packed)
    {
        packed = 0;
        var scaled = Math.Round(value * ThousandthsScale);
        if (scaled < 0 || scaled >= limit)
        {
            return false;
        }

        packed = (ushort)scaled;
        return BitConverter.DoubleToInt64Bits(packed / ThousandthsScale) == BitConverter.DoubleToInt64Bits(value);
    }
}
