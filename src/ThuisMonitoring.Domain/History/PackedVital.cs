using System.Runtime.InteropServices;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// A <see cref="VitalRecord"/> in 12 bytes, as a <see cref="VitalHistory"/> keeps it (issue 14: 512 records were 45 KB
/// per patient as objects, 10 KB in the 16 bytes of a tick-exact time): the time to the millisecond with its offset
/// (<see cref="PackedInstant"/>; the history keeps finer ticks beside), SpO2, respiratory rate and heart rate in a byte
/// each, the oxygen flow in thousandths of a L/min, the level and exertion in flags.
/// <see cref="TryPack(VitalRecord, out PackedVital, out ushort)"/> refuses a record it could not give back exactly (a
/// value or time out of range); the history then keeps that record whole (<see cref="IsWide"/> marks its slot, which
/// holds nothing else: its time is read from the whole record).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal readonly struct PackedVital
{
    private const byte Missing = PackedValues.Missing;
    private const double FlowScale = PackedValues.ThousandthsScale;
    private const byte LevelMask = 0b0011;
    private const byte ExertionFlag = 0b0100;
    private const byte WideFlag = 0b1000_0000;

    private readonly PackedInstant _measuredAt;
    private readonly ushort _oxygenFlow;
    private readonly byte _spo2;
    private readonly byte _respiratoryRate;
    private readonly byte _heartRate;
    private readonly byte _flags;

    private PackedVital(PackedInstant measuredAt, ushort oxygenFlow, byte spo2, byte respiratoryRate, byte heartRate, byte flags)
    {
        _measuredAt = measuredAt;
        _oxygenFlow = oxygenFlow;
        _spo2 = spo2;
        _respiratoryRate = respiratoryRate;
        _heartRate = heartRate;
        _flags = flags;
    }

    public bool IsWide => (_flags & WideFlag) != 0;

    /// <summary>When the record was measured, with the ticks finer than a millisecond; not of a <see cref="Wide"/> slot (its record has the time).</summary>
    public DateTimeOffset MeasuredAt(ushort finerTicks) => _measuredAt.At(finerTicks);

    public int? Spo2 => Value(_spo2);

    public int? RespiratoryRate => Value(_respiratoryRate);

    public int? HeartRate => Value(_heartRate);

    public double OxygenFlow => _oxygenFlow / FlowScale;

    public bool Exertion => (_flags & ExertionFlag) != 0;

    public Level Level => (Level)(_flags & LevelMask);

    /// <summary>The slot of a record kept whole.</summary>
    public static PackedVital Wide { get; } = new(default, 0, Missing, Missing, Missing, WideFlag);

    /// <summary>
    /// Packs <paramref name="record"/>, its time to the millisecond with the finer ticks apart (<see cref="PackedInstant"/>);
    /// false when a value does not fit (then <paramref name="packed"/> is default).
    /// </summary>
    public static bool TryPack(VitalRecord record, out PackedVital packed, out ushort finerTicks) => TryPack(
        record.MeasuredAt, record.Spo2, record.RespiratoryRate, record.HeartRate, record.OxygenFlow, record.Exertion, record.Level,
        out packed, out finerTicks);

    /// <summary>Packs the values of a record, as <see cref="TryPack(VitalRecord, out PackedVital, out ushort)"/>.</summary>
    public static bool TryPack(
        DateTimeOffset measuredAt, int? spo2, int? respiratoryRate, int? heartRate, double oxygenFlow, bool exertion, Level level,
        out PackedVital packed, out ushort finerTicks)
    {
        packed = default;
        finerTicks = 0;
        if (!TryByte(spo2, out var spo2Byte) || !TryByte(respiratoryRate, out var respiratoryRateByte)
            || !TryByte(heartRate, out var heartRateByte) || !TryFlow(oxygenFlow, out var flow)
            || level is < Level.Green or > Level.Red || !PackedInstant.TryPack(measuredAt, out var at, out var finer))
        {
            return false;
        }

        var flags = (byte)((int)level | (exertion ? ExertionFlag : 0));
        packed = new PackedVital(at, flow, spo2Byte, respiratoryRateByte, heartRateByte, flags);
        finerTicks = finer;
        return true;
    }

    public VitalRecord Unpack(ushort finerTicks) => new(MeasuredAt(finerTicks), Spo2, RespiratoryRate, HeartRate, OxygenFlow, Exertion, Level);

    /// <summary>The same values (with the same finer ticks, two packed records are equal exactly when their records are).</summary>
    public bool SameAs(PackedVital other) =>
        _measuredAt.SameAs(other._measuredAt) && _oxygenFlow == other._oxygenFlow
        && _spo2 == other._spo2 && _respiratoryRate == other._respiratoryRate && _heartRate == other._heartRate && _flags == other._flags;

    private static int? Value(byte value) => PackedValues.FromByte(value);

    private static bool TryByte(int? value, out byte packed) => PackedValues.TryByte(value, out packed);

    // The prescriptions' flows have up to three decimals (0.5 steps).
    private static bool TryFlow(double value, out ushort packed) => PackedValues.TryThousandths(value, ushort.MaxValue + 1, out packed);
}
