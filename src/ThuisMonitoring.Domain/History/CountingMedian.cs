using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// The median of a changing multiset of whole numbers in O(1): a counting histogram over the value's
/// <see cref="WholeRange"/> (with per-block counts, so finding the middle walks at most a few dozen cells), values
/// added and removed as a window slides. A value outside the range (the domain never sees one from the adapters,
/// but a caller may pass one) is kept exactly in a small sorted list beside it. Same result as <see cref="Median"/>.
/// </summary>
/// <remarks>
/// Issue 14 (memory per patient): a value's count is held in 16 bits, half the room, since a window of a few hundred
/// samples never comes near 65,535 of one value; the count that would pass it turns the histogram to 32-bit counts for
/// the rest of its life, so the median stays exact for any multiset. The lists of values outside the range are made
/// only when one comes.
/// </remarks>
public sealed class CountingMedian
{
    private const int BlockSize = 16;

    private readonly WholeRange _range;
    private readonly int[] _blocks;
    private ushort[] _counts;
    private int[]? _wideCounts;
    private List<int>? _below;
    private List<int>? _above;
    private int _inRange;

    public CountingMedian(WholeRange range)
    {
        _range = range;
        _counts = new ushort[range.Count];
        _blocks = new int[(range.Count + BlockSize - 1) / BlockSize];
    }

    /// <summary>How many values are in the multiset.</summary>
    public int Count => _inRange + Below.Count + Above.Count;

    private IReadOnlyList<int> Below => (IReadOnlyList<int>?)_below ?? [];

    private IReadOnlyList<int> Above => (IReadOnlyList<int>?)_above ?? [];

    public void Add(int value)
    {
        if (_range.Contains(value))
        {
            var cell = value - _range.Min;
            if (_wideCounts is null && _counts[cell] == ushort.MaxValue)
            {
                Widen();
            }

            if (_wideCounts is { } wide)
            {
                wide[cell]++;
            }
            else
            {
                _counts[cell]++;
            }

            _blocks[cell / BlockSize]++;
            _inRange++;
        }
        else
        {
            var outside = value < _range.Min ? (_below ??= []) : (_above ??= []);
            var at = outside.BinarySearch(value);
            outside.Insert(at < 0 ? ~at : at, value);
        }
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>, which must have been added.</summary>
    public void Remove(int value)
    {
        if (_range.Contains(value))
        {
            var cell = value - _range.Min;
            if (CountAt(cell) == 0)
            {
                throw new InvalidOperationException($"{value} was not added.");
            }

            if (_wideCounts is { } wide)
            {
                wide[cell]--;
            }
            else
            {
                _counts[cell]--;
            }

            _blocks[cell / BlockSize]--;
            _inRange--;
        }
        else
        {
            var outside = value < _range.Min ? _below : _above;
            var at = outside?.BinarySearch(value) ?? -1;
            if (outside is null || at < 0)
            {
                throw new InvalidOperationException($"{value} was not added.");
            }

            outside.RemoveAt(at);
        }
    }

    public void Clear()
    {
        Array.Clear(_counts);
        if (_wideCounts is { } wide)
        {
            Array.Clear(wide);
        }

        Array.Clear(_blocks);
        _below?.Clear();
        _above?.Clear();
        _inRange = 0;
    }

    /// <summary>The median (the mean of the two middle values of an even count); null when empty.</summary>
    public double? Median()
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var middle = count / 2;
        return count % 2 == 1 ? Ranked(middle) : (Ranked(middle - 1) + (double)Ranked(middle)) / 2;
    }

    /// <summary>The value of 0-based rank <paramref name="rank"/> in ascending order.</summary>
    private int Ranked(int rank)
    {
        var below = Below;
        if (rank < below.Count)
        {
            return below[rank];
        }

        rank -= below.Count;
        if (rank >= _inRange)
        {
            return Above[rank - _inRange];
        }

        var block = 0;
        while (rank >= _blocks[block])
        {
            rank -= _blocks[block];
            block++;
        }

        var cell = block * BlockSize;
        while (rank >= CountAt(cell))
        {
            rank -= CountAt(cell);
            cell++;
        }

        return cell + _range.Min;
    }

    private int CountAt(int cell) => _wideCounts is { } wide ? wide[cell] : _counts[cell];

    // One value is about to pass 65,535: every count moves to 32 bits, once.
    private void Widen()
    {
        var wide = new int[_counts.Length];
        for (var cell = 0; cell < wide.Length; cell++)
        {
            wide[cell] = _counts[cell];
        }

        _wideCounts = wide;
        _counts = [];
    }
}
