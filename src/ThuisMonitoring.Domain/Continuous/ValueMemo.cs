namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// What was worked out once for each whole value seen (a median, a NEWS2 aggregate), found by binary search in two
/// arrays kept in key order: <see cref="MedianJudgement"/>'s memo, which a stream keeps for the whole episode.
/// </summary>
/// <remarks>
/// Issue 14 (memory per patient): a <see cref="Dictionary{TKey, TValue}"/> of a handful of values took 80 bytes, a
/// bucket and an entry of 32 bytes per value (about 1 KB for a stream's four); this takes 40 bytes, 4 and the value's
/// size per value, and grows by <see cref="Step"/> slots at a time, since a new value is rare once a stream has run a
/// while. A lookup of a few dozen keys is as fast as a hash.
/// </remarks>
internal sealed class ValueMemo<T>
{
    private const int Step = 4;

    private int[] _keys = [];
    private T[] _values = [];
    private int _count;

    public bool TryGetValue(int key, out T value)
    {
        var at = Array.BinarySearch(_keys, 0, _count, key);
        value = at >= 0 ? _values[at] : default!;
        return at >= 0;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/>, in place of what it had.</summary>
    public void Set(int key, T value)
    {
        var at = Array.BinarySearch(_keys, 0, _count, key);
        if (at >= 0)
        {
            _values[at] = value;
            return;
        }

        at = ~at;
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count + Step);
            Array.Resize(ref _values, _count + Step);
        }

        Array.Copy(_keys, at, _keys, at + 1, _count - at);
        Array.Copy(_values, at, _values, at + 1, _count - at);
        _keys[at] = key;
        _values[at] = value;
        _count++;
    }

    /// <summary>Forgets every value (and lets go of the arrays).</summary>
    public void Clear()
    {
        _keys = [];
        _values = [];
        _count = 0;
    }
}
