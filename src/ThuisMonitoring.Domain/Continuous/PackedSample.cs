using System.Runtime.InteropServices;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// A <see cref="ContinuousSample"/> in 12 bytes, as a <see cref="SampleRing"/> keeps it (issue 14: a window of 305
/// samples was 32 KB per patient, 4.9 KB in 16 bytes of a tick-exact time): the time to the millisecond with its offset
/// (<see cref="PackedInstant"/>; the ring keeps finer ticks beside), SpO2, heart rate and respiratory rate in a byte
/// each, the perfusion index in thousandths and the sensor state in a flag. <see cref="TryPack"/> refuses a sample it
/// could not give back exactly.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly struct PackedSample
{
    private const byte Missing = PackedValues.Missing;
    private const ushort MissingPerfusion = ushort.MaxValue;
    private const double PerfusionScale = PackedValues.ThousandthsScale;
    private const byte SensorOnFlag = 1;

    private readonly PackedInstant _at;
    private readonly ushort _perfusionIndex;
    private readonly byte _spo2;
    private readonly byte _heartRate;
    private readonly byte _respiratoryRate;
    private readonly byte _flags;

    private PackedSample(PackedInstant at, ushort perfusionIndex, byte spo2, byte heartRate, byte respiratoryRate, byte flags)
    {
        _at = at;
        _perfusionIndex = perfusionIndex;
        _spo2 = spo2;
        _heartRate = heartRate;
        _respiratoryRate = respiratoryRate;
        _flags = flags;
    }

    /// <summary>
    /// Packs <paramref name="sample"/>, its time to the millisecond with the finer ticks apart (<see cref="PackedInstant"/>);
    /// false when a value does not fit (then <paramref name="packed"/> is default).
    /// </summary>
    public static bool TryPack(ContinuousSample sample, out PackedSample packed, out ushort finerTicks)
    {
        packed = default;
        finerTicks = 0;
        if (!TryByte(sample.Spo2, out var spo2) || !TryByte(sample.HeartRate, out var heartRate)
            || !TryByte(sample.RespiratoryRate, out var respiratoryRate) || !TryPerfusion(sample.PerfusionIndex, out var perfusion)
            || !PackedInstant.TryPack(sample.At, out var at, out var finer))
        {
            return false;
        }

        packed = new PackedSample(at, perfusion, spo2, heartRate, respiratoryRate, sample.SensorOn ? SensorOnFlag : (byte)0);
        finerTicks = finer;
        return true;
    }

    public ContinuousSample Unpack(ushort finerTicks)
    {
        return new ContinuousSample(
            _at.At(finerTicks),
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
