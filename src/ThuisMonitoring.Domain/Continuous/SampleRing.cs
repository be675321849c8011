namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// A window of samples, oldest first, as a ring buffer: appended at the end, dropped from the front, indexed in O(1),
/// without allocating once it has grown to the window's size.
/// </summary>
public sealed class SampleRing
{
    private ContinuousSample[] _items;
    private int _head;

    public SampleRing(int capacity = 8) => _items = new ContinuousSample[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public ContinuousSample this[int index] => _items[(_head + index) % _items.Length];

    public ContinuousSample First => this[0];

    public ContinuousSample Last => this[Count - 1];

    public void Add(ContinuousSample sample)
    {
        if (Count == _items.Length)
        {
            var grown = new ContinuousSample[_items.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                grown[i] = this[i];
            }

            _items = grown;
            _head = 0;
        }

        _items[(_head + Count) % _items.Length] = sample;
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
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
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
}
