namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// A window of samples, oldest first, as a ring buffer: appended at the end, dropped from the front, indexed in O(1),
/// without allocating once it has grown to the window's size.
/// </summary>
/// <remarks>
/// Issue 14 (memory per patient): a sample is kept in 12 bytes (<see cref="PackedSample"/>) instead of the 64 of a
/// <see cref="ContinuousSample"/>, and read back exactly: the ticks of a time finer than a millisecond (a device that
/// stamps microseconds) in 2 bytes beside, from the first such sample on. A sample whose values do not fit (never one
/// from the adapters, whose ranges are <see cref="Measurements.MeasurementRanges"/> and whose times lie around now; an
/// offset that is not whole quarter hours) turns the ring into an array of whole samples for the rest of its life, so
/// what is read back is always what was added.
/// </remarks>
public sealed class SampleRing
{
    private PackedSample[] _packed;
    private ushort[]? _finerTicks;
    private ContinuousSample[]? _wide;
    private int _head;

    public SampleRing(int capacity = 8) => _packed = new PackedSample[Math.Max(1, capacity)];

    public int Count { get; private set; }

    /// <summary>How many samples fit before the ring grows.</summary>
    public int Capacity => _wide?.Length ?? _packed.Length;

    public ContinuousSample this[int index]
    {
        get
        {
            var slot = (_head + index) % Capacity;
            return _wide is { } wide ? wide[slot] : Unpack(slot);
        }
    }

    public ContinuousSample First => this[0];

    public ContinuousSample Last => this[Count - 1];

    public void Add(ContinuousSample sample)
    {
        var fits = PackedSample.TryPack(sample, out var packed, out var finerTicks);
        if (!fits && _wide is null)
        {
            Widen();
        }

        if (Count == Capacity)
        {
            Grow();
        }

        var slot = (_head + Count) % Capacity;
        if (_wide is { } wide)
        {
            wide[slot] = sample;
        }
        else
        {
            _packed[slot] = packed;
            if (finerTicks != 0 || _finerTicks is not null)
            {
                (_finerTicks ??= new ushort[_packed.Length])[slot] = finerTicks;
            }
        }

        Count++;
    }

    public void AddRange(IReadOnlyList<ContinuousSample> samples)
    {
        for (var i = 0; i < samples.Count; i++)
        {
            Add(samples[i]);
        }
    }

    public void RemoveFirst()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The ring is empty.");
        }

        if (_wide is { } wide)
        {
            wide[_head] = default;
        }

        _head = (_head + 1) % Capacity;
        Count--;
    }

    /// <summary>Drops samples from the front while they are older than <paramref name="cutoff"/> (the window is in time order).</summary>
    public void RemoveBefore(DateTimeOffset cutoff)
    {
        while (Count > 0 && First.At < cutoff)
        {
            RemoveFirst();
        }
    }

    public ContinuousSample[] ToArray()
    {
        var array = new ContinuousSample[Count];
        for (var i = 0; i < Count; i++)
        {
            array[i] = this[i];
        }

        return array;
    }

    private void Grow()
    {
        var capacity = Capacity * 2;
        if (_wide is { } wide)
        {
            var grown = new ContinuousSample[capacity];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = wide[(_head + i) % wide.Length];
            }

            _wide = grown;
        }
        else
        {
            var grown = new PackedSample[capacity];
            var grownFiner = _finerTicks is null ? null : new ushort[capacity];
            for (var i = 0; i < Count; i++)
            {
                var slot = (_head + i) % _packed.Length;
                grown[i] = _packed[slot];
                if (grownFiner is not null)
                {
                    grownFiner[i] = _finerTicks![slot];
                }
            }

            _packed = grown;
            _finerTicks = grownFiner;
        }

        _head = 0;
    }

    // The rare path: a sample that does not pack; the samples so far move to whole samples, in order.
    private void Widen()
    {
        var wide = new ContinuousSample[_packed.Length];
        for (var i = 0; i < Count; i++)
        {
            wide[i] = Unpack((_head + i) % _packed.Length);
        }

        _wide = wide;
        _packed = [];
        _finerTicks = null;
        _head = 0;
    }

    private ContinuousSample Unpack(int slot) => _packed[slot].Unpack(_finerTicks is { } finer ? finer[slot] : (ushort)0);
}
