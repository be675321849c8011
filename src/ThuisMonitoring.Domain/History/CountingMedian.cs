using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.History;

/// <summary>
/// The median of a changing multiset of whole numbers in O(1): a counting histogram over the value's
/// <see cref="WholeRange"/> (with per-block counts, so finding the middle walks at most a few dozen cells), values
/// added and removed as a window slides. A value outside the range (the domain never sees one from the adapters,
/// but a caller may pass one) is kept exactly in a small sorted list beside it. Same result as <see cref="Median"/>.
/// </summary>
public sealed class CountingMedian
{
    private const int BlockSize = 16;

    private readonly WholeRange _range;
    private readonly int[] _counts;
    private readonly int[] _blocks;
    private readonly List<int> _below = [];
    private readonly List<int> _above = [];
    private int _inRange;

    public CountingMedian(WholeRange range)
    {
        _range = range;
        _counts = new int[range.Count];
        _blocks = new int[(range.Count + BlockSize - 1) / BlockSize];
    }

    /// <summary>How many values are in the multiset.</summary>
    public int Count => _inRange + _below.Count + _above.Count;

    public void Add(int value)
    {
        if (_range.Contains(value))
        {
            var cell = value - _range.Min;
            _counts[cell]++;
            _blocks[cell / BlockSize]++;
            _inRange++;
        }
        else
        {
            var outside = value < _range.Min ? _below : _above;
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
            if (_counts[cell] == 0)
            {
                throw new InvalidOperationException($"{value} was not added.");
            }

            _counts[cell]--;
            _blocks[cell / BlockSize]--;
            _inRange--;
        }
        else
        {
            var outside = value < _range.Min ? _below : _above;
            var at = outside.BinarySearch(value);
            if (at < 0)
            {
                throw new InvalidOperationException($"{value} was not added.");
            }

            outside.RemoveAt(at);
        }
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Array.Clear(_blocks);
        _below.Clear();
        _above.Clear();
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
        if (rank < _below.Count)
        {
            return _below[rank];
        }

        rank -= _below.Count;
        if (rank >= _inRange)
        {
            return _above[rank - _inRange];
        }

        var block = 0;
        while (rank >= _blocks[block])
        {
            rank -= _blocks[block];
            block++;
        }

        var cell = block * BlockSize;
        while (rank >= _counts[cell])
        {
            rank -= _counts[cell];
            cell++;
        }

        return cell + _range.Min;
    }
}
