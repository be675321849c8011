using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// One record of a <see cref="VitalHistory"/> read where it is kept (<see cref="VitalHistory.EntryAt"/>): the values of
/// its <see cref="VitalRecord"/> without making one, so the trend rules read a history of 512 records without 512
/// objects (issue 14). <see cref="ToRecord"/> makes the record (for evidence).
/// </summary>
public readonly struct VitalEntry
{
    private readonly PackedVital _packed;
    private readonly ushort _finerTicks;
    private readonly VitalRecord? _whole;

    internal VitalEntry(PackedVital packed, ushort finerTicks, VitalRecord? whole)
    {
        _packed = packed;
        _finerTicks = finerTicks;
        _whole = whole;
    }

    public DateTimeOffset MeasuredAt => _whole?.MeasuredAt ?? _packed.MeasuredAt(_finerTicks);

    public int? Spo2 => _whole is { } whole ? whole.Spo2 : _packed.Spo2;

    public int? RespiratoryRate => _whole is { } whole ? whole.RespiratoryRate : _packed.RespiratoryRate;

    public int? HeartRate => _whole is { } whole ? whole.HeartRate : _packed.HeartRate;

    public double OxygenFlow => _whole?.OxygenFlow ?? _packed.OxygenFlow;

    public bool Exertion => _whole?.Exertion ?? _packed.Exertion;

    public Level Level => _whole?.Level ?? _packed.Level;

    public VitalRecord ToRecord() => _whole ?? _packed.Unpack(_finerTicks);
}
