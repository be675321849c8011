using System.Buffers;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// The recent evaluated measurements of one patient, oldest first, as a value: the trend rules (baseline drop,
/// exertion, weaning, end of monitoring) read it, the episode keeps it. Bounded in time (what the protocol looks
/// back over) and in count (<see cref="Capacity"/>), so a chatty device cannot grow the episode without limit.
/// </summary>
/// <remarks>
/// Immutable, but not copied on every <see cref="Add(VitalRecord, TimeSpan)"/>: histories share one array, a newer record in time order is
/// written into the free slot after the newest history's end (the older values do not see it), the oldest records
/// are dropped by moving the start; only an out-of-order record or a full array copies (amortised O(1)). Saved by
/// column (<see cref="VitalHistoryJson"/>; the form before, <c>{"records":[...]}</c>, still reads).
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(VitalHistoryJson))]
public sealed record VitalHistory
{
    /// <summary>At most this many records are kept; four-hourly spot checks for 48 h need a dozen.</summary>
    public const int Capacity = 512;

    private readonly Shared _shared;
    private readonly int _start;
    private readonly int _count;
    private readonly bool _sorted;
    private RecordsView? _view;

    public VitalHistory(IReadOnlyList<VitalRecord> records)
    {
        var shared = new Shared(Math.Max(8, records.Count), records.Count);
        var sorted = true;
        for (var i = 0; i < records.Count; i++)
        {
            shared.Write(i, records[i]);
            sorted &= i == 0 || records[i - 1].MeasuredAt <= records[i].MeasuredAt;
        }

        _shared = shared;
        _count = records.Count;
        _sorted = sorted;
    }

    private VitalHistory(Shared shared, int start, int count)
    {
        _shared = shared;
        _start = start;
        _count = count;
        _sorted = true;
    }

    public static VitalHistory Empty { get; } = new([]);

    /// <summary>
    /// The records, oldest first. A record is made on every read (the history keeps them packed, issue 14): a rule that
    /// walks the history reads <see cref="EntryAt"/>.
    /// </summary>
    public IReadOnlyList<VitalRecord> Records => _view ??= new RecordsView(this);

    /// <summary>How many records the history holds.</summary>
    public int Count => _count;

    /// <summary>When the newest record was measured; null when there is none.</summary>
    public DateTimeOffset? LastMeasuredAt => _count == 0 ? null : EntryAt(_count - 1).MeasuredAt;

    /// <summary>The record at <paramref name="index"/> (oldest first), read in place.</summary>
    public VitalEntry EntryAt(int index) =>
        (uint)index < (uint)_count ? At(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>How far back the protocol's trend rules look: the history keeps at least this much.</summary>
    public static TimeSpan HorizonOf(ProtocolDocument protocol)
    {
        var horizon = protocol.Spo2Drop.BaselineWindow;
        horizon = protocol.Weaning.LookBack > horizon ? protocol.Weaning.LookBack : horizon;
        horizon = protocol.Weaning.EndLookBack > horizon ? protocol.Weaning.EndLookBack : horizon;
        return protocol.Eligibility.EarlyDischarge.StableFor > horizon ? protocol.Eligibility.EarlyDischarge.StableFor : horizon;
    }

    /// <summary>This history with <paramref name="record"/> added in time order and records older than <paramref name="keep"/> before the newest dropped.</summary>
    public VitalHistory Add(VitalRecord record, TimeSpan keep) =>
        PackedVital.TryPack(record, out var packed, out var finerTicks)
            ? Add(packed, finerTicks, null, keep)
            : Add(PackedVital.Wide, 0, record, keep);

    /// <summary>
    /// This history with the record of an evaluated measurement added (<see cref="RecordOf"/>, without making the
    /// record when it packs: a continuous meter adds one a minute), as <see cref="Add(VitalRecord, TimeSpan)"/>.
    /// </summary>
    public VitalHistory Add(Measurement measurement, double oxygenFlow, Level level, TimeSpan keep) =>
        PackedVital.TryPack(
            measurement.MeasuredAt, measurement.Spo2, measurement.RespiratoryRate, measurement.HeartRate,
            measurement.OxygenFlow ?? oxygenFlow, measurement.Exertion, level, out var packed, out var finerTicks)
            ? Add(packed, finerTicks, null, keep)
            : Add(RecordOf(measurement, oxygenFlow, level), keep);

    // A packed record with the ticks of its time finer than a millisecond, or the slot of a whole one (then whole is the record).
    private VitalHistory Add(PackedVital packed, ushort finerTicks, VitalRecord? whole, TimeSpan keep)
    {
        var measuredAt = whole?.MeasuredAt ?? packed.MeasuredAt(finerTicks);
        if (!_sorted || (_count > 0 && At(_count - 1).MeasuredAt > measuredAt))
        {
            return Inserted(whole ?? packed.Unpack(finerTicks), keep);
        }

        var shared = _shared;
        var start = _start;
        var end = _start + _count;
        if (!shared.TryClaim(end))
        {
            // Another history already wrote after this one's end, or the array is full: the live records move to a new one.
            // A quarter more than the live records (issue 14: not twice the capacity), so a full history copies every 128 adds.
            shared = shared.CopyOf(_start, _count, Math.Max(16, _count + 1 + (_count / 4)));
            start = 0;
            end = _count;
        }

        shared.Write(end, packed, finerTicks, whole);
        var count = end - start + 1;
        var cutoff = measuredAt - keep;
        while (count > 0 && shared.Entry(start).MeasuredAt < cutoff)
        {
            start++;
            count--;
        }

        if (count > Capacity)
        {
            start += count - Capacity;
            count = Capacity;
        }

        return new VitalHistory(shared, start, count);
    }

    /// <summary>Records measured in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IEnumerable<VitalRecord> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var i = 0; i < _count; i++)
        {
            var entry = At(i);
            if (entry.MeasuredAt >= from && entry.MeasuredAt < to)
            {
                yield return entry.ToRecord();
            }
        }
    }

    /// <summary>
    /// The patient's own SpO2 baseline before <paramref name="before"/>: the median of the at-rest values of the
    /// rule's window; null while there are fewer than the rule's minimum.
    /// </summary>
    public double? Spo2Baseline(DateTimeOffset before, BaselineDropRule rule)
    {
        var from = before - rule.BaselineWindow;
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, _count));
        try
        {
            var n = 0;
            for (var i = 0; i < _count; i++)
            {
                var entry = At(i);
                if (entry.MeasuredAt >= from && entry.MeasuredAt < before && !entry.Exertion && entry.Spo2 is { } spo2)
                {
                    values[n++] = spo2;
                }
            }

            return n < rule.MinimumBaselineMeasurements || n == 0 ? null : Median.InPlace(values.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>The last SpO2 at rest measured before <paramref name="before"/>.</summary>
    public VitalRecord? LastAtRest(DateTimeOffset before)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var entry = At(i);
            if (!entry.Exertion && entry.Spo2 is not null && entry.MeasuredAt < before)
            {
                return entry.ToRecord();
            }
        }

        return null;
    }

    /// <summary>The record of an evaluated measurement.</summary>
    public static VitalRecord RecordOf(Measurement measurement, double oxygenFlow, Level level) => new(
        measurement.MeasuredAt, measurement.Spo2, measurement.RespiratoryRate, measurement.HeartRate,
        measurement.OxygenFlow ?? oxygenFlow, measurement.Exertion, level);

    public bool Equals(VitalHistory? other)
    {
        if (other is null || other._count != _count)
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (!_shared.SameAt(_start + i, other._shared, other._start + i))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => _count;

    private VitalEntry At(int index) => _shared.Entry(_start + index);

    // The general case, as the history always did it: insert in time order, drop by time, then by count.
    private VitalHistory Inserted(VitalRecord record, TimeSpan keep)
    {
        var records = new List<VitalRecord>(_count + 1);
        for (var i = 0; i < _count; i++)
        {
            records.Add(At(i).ToRecord());
        }

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

    /// <summary>
    /// The array histories share, and how much of it is written (slots past it are free): packed records, and beside
    /// them the ticks of their times finer than a millisecond and the few records that do not pack, kept whole (each of
    /// those arrays is made only when the first such record comes).
    /// </summary>
    private sealed class Shared(int length, int used)
    {
        private int _used = used;
        private ushort[]? _finerTicks;
        private VitalRecord?[]? _whole;

        public PackedVital[] Items { get; } = new PackedVital[length];

        /// <summary>Claims the slot at <paramref name="end"/> when it is the first free one.</summary>
        public bool TryClaim(int end) => end < Items.Length && Interlocked.CompareExchange(ref _used, end + 1, end) == end;

        /// <summary>Writes a slot this history owns (claimed, or of a new array).</summary>
        public void Write(int slot, VitalRecord record)
        {
            if (PackedVital.TryPack(record, out var packed, out var finerTicks))
            {
                Write(slot, packed, finerTicks, null);
            }
            else
            {
                Write(slot, PackedVital.Wide, 0, record);
            }
        }

        /// <summary>Writes a packed record and the finer ticks of its time, or the slot of a whole one (<paramref name="record"/>).</summary>
        public void Write(int slot, PackedVital packed, ushort finerTicks, VitalRecord? record)
        {
            // A slot is written once (claimed, or of a new array), so what is not written here is already none. Two
            // histories may write their own slots at once: each array beside is made once.
            if (record is not null)
            {
                var whole = _whole ?? Interlocked.CompareExchange(ref _whole, new VitalRecord?[Items.Length], null) ?? _whole!;
                whole[slot] = record;
            }

            if (finerTicks != 0)
            {
                var finer = _finerTicks ?? Interlocked.CompareExchange(ref _finerTicks, new ushort[Items.Length], null) ?? _finerTicks!;
                finer[slot] = finerTicks;
            }

            Items[slot] = packed;
        }

        public VitalEntry Entry(int slot)
        {
            var packed = Items[slot];
            return new VitalEntry(packed, FinerTicksAt(slot), packed.IsWide ? _whole![slot] : null);
        }

        public bool SameAt(int slot, Shared other, int otherSlot)
        {
            var packed = Items[slot];
            var otherPacked = other.Items[otherSlot];
            return packed.IsWide || otherPacked.IsWide
                ? Equals(Entry(slot).ToRecord(), other.Entry(otherSlot).ToRecord())
                : packed.SameAs(otherPacked) && FinerTicksAt(slot) == other.FinerTicksAt(otherSlot);
        }

        /// <summary>A new array of <paramref name="length"/> slots with <paramref name="count"/> records from <paramref name="start"/>, and the slot after them claimed.</summary>
        public Shared CopyOf(int start, int count, int length)
        {
            var copy = new Shared(length, count + 1);
            Array.Copy(Items, start, copy.Items, 0, count);
            if (_finerTicks is { } finer)
            {
                copy._finerTicks = new ushort[length];
                Array.Copy(finer, start, copy._finerTicks, 0, count);
            }

            if (_whole is { } whole)
            {
                copy._whole = new VitalRecord?[length];
                Array.Copy(whole, start, copy._whole, 0, count);
            }

            return copy;
        }

        private ushort FinerTicksAt(int slot) => _finerTicks is { } finer ? finer[slot] : (ushort)0;
    }

    private sealed class RecordsView(VitalHistory history) : IReadOnlyList<VitalRecord>
    {
        public int Count => history._count;

        public VitalRecord this[int index] =>
            (uint)index < (uint)history._count ? history.At(index).ToRecord() : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<VitalRecord> GetEnumerator()
        {
            for (var i = 0; i < history._count; i++)
            {
                yield return history.At(i).ToRecord();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
