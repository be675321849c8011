using System.Text;

namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>
/// What line protocol can carry. A raw newline ends a line, so no string may contain one (or any other control
/// character): such a value is refused, never rewritten, because a rewritten patient id would file the data under
/// another patient. Lone surrogates would be replaced by U+FFFD when encoded, so they are refused too.
/// </summary>
internal static class LineText
{
    public static void EnsureCarriable(string text, string what)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                throw new LineProtocolException($"The {what} contains control character U+{(int)c:X4}; line protocol cannot carry it.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new LineProtocolException($"The {what} contains an unpaired surrogate; it is not valid Unicode.");
            }
        }
    }

    /// <summary>
    /// Names (measurement, tag keys and values, field keys) additionally refuse backslashes: InfluxDB 1.x treats a
    /// backslash as an escape only before a comma, equals sign or space and 2.x also before a backslash, so a name with
    /// a backslash before one of those, or at its end, cannot be written so that every version reads it back the same.
    /// </summary>
    public static void EnsureName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new LineProtocolException($"The {what} is empty.");
        }

        EnsureCarriable(name, what);
        if (name.Contains('\\', StringComparison.Ordinal))
        {
            throw new LineProtocolException($"The {what} '{name}' contains a backslash; line protocol cannot carry it in names.");
        }
    }

    /// <summary>Orders keys as InfluxDB does: by their UTF-8 bytes, which is code point order (not UTF-16 order).</summary>
    public static int CompareUtf8(string left, string right)
    {
        var l = left.EnumerateRunes();
        var r = right.EnumerateRunes();
        while (true)
        {
            var hasLeft = l.MoveNext();
            var hasRight = r.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            var order = l.Current.Value.CompareTo(r.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }

    public static readonly Comparer<string> Utf8Order = Comparer<string>.Create(CompareUtf8);

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
