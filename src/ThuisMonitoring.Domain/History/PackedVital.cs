using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// A <see cref="VitalRecord"/> in 16 bytes, as a <see cref="VitalHistory"/> keeps it (issue 14: 512 records were 45 KB
/// per patient as objects): the time as UTC ticks and an offset in minutes (exact to the tick), SpO2, respiratory rate
/// and heart rate in a byte each, the oxygen flow in thousandths of a L/min, the level and exertion in flags.
/// <see cref="TryPack(VitalRecord, out PackedVital)"/> refuses a record it could not give back exactly; the history then keeps that record whole
/// (<see cref="IsWide"/> marks its slot; its time is still packed).
/// </summary>
internal readonly struct PackedVital
{
    private const byte Missing = PackedValues.Missing;
    private const double FlowScale = PackedValues.ThousandthsScale;
    private const byte LevelMask = 0b0011;
    private const byte ExertionFlag = 0b0100;
    private const byte WideFlag = 0b1000_0000;

    private readonly long _utcTicks;
    private readonly short _offsetMinutes;
    private readonly ushort _oxygenFlow;
    private readonly byte _spo2;
    private readonly byte _respiratoryRate;
    private readonly byte _heartRate;
    private readonly byte _flags;

    private PackedVital(DateTimeOffset at, ushort oxygenFlow, byte spo2, byte respiratoryRate, byte heartRate, byte flags)
    {
        _utcTicks = at.UtcTicks;

        // An offset is whole minutes within +-14 h (DateTimeOffset's own rule).
        _offsetMinutes = (short)(at.Offset.Ticks / TimeSpan.TicksPerMinute);
        _oxygenFlow = oxygenFlow;
        _spo2 = spo2;
        _respiratoryRate = respiratoryRate;
        _heartRate = heartRate;
        _flags = flags;
    }

    public bool IsWide => (_flags & WideFlag) != 0;

    public DateTimeOffset MeasuredAt
    {
        get
        {
            var offset = _offsetMinutes * TimeSpan.TicksPerMinute;
            return new DateTimeOffset(_utcTicks + offset, TimeSpan.FromTicks(offset));
        }
    }

    public int? Spo2 => Value(_spo2);

    public int? RespiratoryRate => Value(_respiratoryRate);

    public int? HeartRate => Value(_heartRate);

    public double OxygenFlow => _oxygenFlow / FlowScale;

    public bool Exertion => (_flags & ExertionFlag) != 0;

    public Level Level => (Level)(_flags & LevelMask);

    /// <summary>The slot of a record kept whole: only its time is packed.</summary>
    public static PackedVital Wide(DateTimeOffset at) => new(at, 0, Missing, Missing, Missing, WideFlag);

    /// <summary>Packs <paramref name="record"/>; false when a value does not fit (then <paramref name="packed"/> is default).</summary>
    public static bool TryPack(VitalRecord record, out PackedVital packed) => TryPack(
        record.MeasuredAt, record.Spo2, record.RespiratoryRate, record.HeartRate, record.OxygenFlow, record.Exertion, record.Level, out packed);

    /// <summary>Packs the values of a record; false when a value does not fit (then <paramref name="packed"/> is default).</summary>
    public static bool TryPack(
        DateTimeOffset measuredAt, int? spo2, int? respiratoryRate, int? heartRate, double oxygenFlow, bool exertion, Level level,
        out PackedVital packed)
    {
        packed = default;
        if (!TryByte(spo2, out var spo2Byte) || !TryByte(respiratoryRate, out var respiratoryRateByte)
            || !TryByte(heartRate, out var heartRateByte) || !TryFlow(oxygenFlow, out var flow)
            || level is < Level.Green or > Level.Red)
        {
            return false;
        }

        var flags = (byte)((int)level | (exertion ? ExertionFlag : 0));
        packed = new PackedVital(measuredAt, flow, spo2Byte, respiratoryRateByte, heartRateByte, flags);
        return true;
    }

    public VitalRecord Unpack() => new(MeasuredAt, Spo2, RespiratoryRate, HeartRate, OxygenFlow, Exertion, Level);

    /// <summary>The same values (two packed records are equal exactly when their records are).</summary>
    public bool SameAs(PackedVital other) =>
        _utcTicks == other._utcTicks && _offsetMinutes == other._offsetMinutes && _oxygenFlow == other._oxygenFlow
        && _spo2 == other._spo2 && _respiratoryRate == other._respiratoryRate && _heartRate == other._heartRate && _flags == other._flags;

    private static int? Value(byte value) => PackedValues.FromByte(value);

    private static bool TryByte(int? value, out byte packed) => PackedValues.TryByte(value, out packed);

    // The prescriptions' flows have up to three decimals (0.5 steps).
    private static bool TryFlow(double value, out ushort packed) => PackedValues.TryThousandths(value, ushort.MaxValue + 1, out packed);
}
