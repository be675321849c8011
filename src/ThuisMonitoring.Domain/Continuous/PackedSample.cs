using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// A <see cref="ContinuousSample"/> in 16 bytes, as a <see cref="SampleRing"/> keeps it (issue 14: a window of 305
/// samples was 32 KB per patient): the time as UTC ticks and an offset in minutes (exact to the tick), SpO2, heart rate
/// and respiratory rate in a byte each, the perfusion index in thousandths and the sensor state in a flag.
/// <see cref="TryPack"/> refuses a sample it could not give back exactly.
/// </summary>
internal readonly struct PackedSample
{
    private const byte Missing = PackedValues.Missing;
    private const ushort MissingPerfusion = ushort.MaxValue;
    private const double PerfusionScale = PackedValues.ThousandthsScale;
    private const byte SensorOnFlag = 1;

    private readonly long _utcTicks;
    private readonly short _offsetMinutes;
    private readonly ushort _perfusionIndex;
    private readonly byte _spo2;
    private readonly byte _heartRate;
    private readonly byte _respiratoryRate;
    private readonly byte _flags;

    private PackedSample(long utcTicks, short offsetMinutes, ushort perfusionIndex, byte spo2, byte heartRate, byte respiratoryRate, byte flags)
    {
        _utcTicks = utcTicks;
        _offsetMinutes = offsetMinutes;
        _perfusionIndex = perfusionIndex;
        _spo2 = spo2;
        _heartRate = heartRate;
        _respiratoryRate = respiratoryRate;
        _flags = flags;
    }

    /// <summary>Packs <paramref name="sample"/>; false when a value does not fit (then <paramref name="packed"/> is default).</summary>
    public static bool TryPack(ContinuousSample sample, out PackedSample packed)
    {
        packed = default;
        if (!TryByte(sample.Spo2, out var spo2) || !TryByte(sample.HeartRate, out var heartRate)
            || !TryByte(sample.RespiratoryRate, out var respiratoryRate) || !TryPerfusion(sample.PerfusionIndex, out var perfusion))
        {
            return false;
        }

        // An offset is whole minutes within +-14 h (DateTimeOffset's own rule).
        var offsetMinutes = (short)(sample.At.Offset.Ticks / TimeSpan.TicksPerMinute);
        packed = new PackedSample(
            sample.At.UtcTicks, offsetMinutes, perfusion, spo2, heartRate, respiratoryRate, sample.SensorOn ? SensorOnFlag : (byte)0);
        return true;
    }

    public ContinuousSample Unpack()
    {
        var offset = TimeSpan.FromTicks(_offsetMinutes * TimeSpan.TicksPerMinute);
        return new ContinuousSample(
            new DateTimeOffset(_utcTicks + offset.Ticks, offset),
            Value(_spo2),
            Value(_heartRate),
            Value(_respiratoryRate),
            _perfusionIndex == MissingPerfusion ? null : _perfusionIndex / PerfusionScale,
            (_flags & SensorOnFlag) != 0);
    }

    private static int? Value(byte value) => PackedValues.FromByte(value);

    private static bool TryByte(int? value, out byte packed) => PackedValues.TryByte(value, out packed);

    private static bool TryPerfusion(double? value, out ushort packed)
    {
        packed = MissingPerfusion;
        return value is not { } v || PackedValues.TryThousandths(v, MissingPerfusion, out packed);
    }
}
