using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// The recent evaluated measurements of one patient, oldest first, as a value: the trend rules (baseline drop,
/// exertion, weaning, end of monitoring) read it, the episode keeps it. Bounded in time (what the protocol looks
/// back over) and in count (<see cref="Capacity"/>), so a chatty device cannot grow the episode without limit.
/// </summary>
public sealed record VitalHistory(IReadOnlyList<VitalRecord> Records)
{
    /// <summary>At most this many records are kept; four-hourly spot checks for 48 h need a dozen.</summary>
    public const int Capacity = 512;

    public static VitalHistory Empty { get; } = new([]);

    /// <summary>How far back the protocol's trend rules look: the history keeps at least this much.</summary>
    public static TimeSpan HorizonOf(ProtocolDocument protocol) => new[]
    {
        protocol.Spo2Drop.BaselineWindow, protocol.Weaning.LookBack, protocol.Weaning.EndLookBack,
        protocol.Eligibility.EarlyDischarge.StableFor,
    }.Max();

    /// <summary>This history with <paramref name="record"/> added in time order and records older than <paramref name="keep"/> before the newest dropped.</summary>
    public VitalHistory Add(VitalRecord record, TimeSpan keep)
    {
        var records = new List<VitalRecord>(Records.Count + 1);
        records.AddRange(Records);
        var index = records.FindLastIndex(r => r.MeasuredAt <= record.MeasuredAt) + 1;
        records.Insert(index, record);
        var cutoff = records[^1].MeasuredAt - keep;
        records.RemoveAll(r => r.MeasuredAt < cutoff);
        if (records.Count > Capacity)
        {
            records.RemoveRange(0, records.Count - Capacity);
        }

        return new VitalHistory(records);
    }

    /// <summary>Records measured in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<VitalRecord> Between(DateTimeOffset from, DateTimeOffset to) =>
        Records.Where(r => r.MeasuredAt >= from && r.MeasuredAt < to);

    /// <summary>
    /// The patient's own SpO2 baseline before <paramref name="before"/>: the median of the at-rest values of the
    /// rule's window; null while there are fewer than the rule's minimum.
    /// </summary>
    public double? Spo2Baseline(DateTimeOffset before, BaselineDropRule rule)
    {
        var values = Between(before - rule.BaselineWindow, before)
            .Where(r => !r.Exertion && r.Spo2 is not null)
            .Select(r => (double)r.Spo2!.Value)
            .ToList();
        return values.Count < rule.MinimumBaselineMeasurements ? null : Median.Of(values);
    }

    /// <summary>The last SpO2 at rest measured before <paramref name="before"/>.</summary>
    public VitalRecord? LastAtRest(DateTimeOffset before) =>
        Records.LastOrDefault(r => !r.Exertion && r.Spo2 is not null && r.MeasuredAt < before);

    /// <summary>The record of an evaluated measurement.</summary>
    public static VitalRecord RecordOf(Measurement measurement, double oxygenFlow, Level level) => new(
        measurement.MeasuredAt, measurement.Spo2, measurement.RespiratoryRate, measurement.HeartRate,
        measurement.OxygenFlow ?? oxygenFlow, measurement.Exertion, level);

    public bool Equals(VitalHistory? other) => other is not null && Records.SequenceEqual(other.Records);

    public override int GetHashCode() => Records.Count;
}
