namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>
/// One point, checked as it is built: every name and value it holds can be written as line protocol, so
/// <see cref="LineProtocolWriter"/> never meets a value it cannot carry. Tags are kept sorted by key (UTF-8 byte
/// order, as InfluxDB sorts them); a tag with an empty value is left out, since line protocol has no empty tag values.
/// </summary>
public sealed class LinePoint
{
    private static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal) { "time", "_measurement", "_field" };

    private readonly SortedList<string, string> _tags = new(LineText.Utf8Order);
    private readonly List<KeyValuePair<string, FieldValue>> _fields = [];

    /// <param name="measurement">The measurement name; not empty, no control characters or backslashes, no leading '#' (a comment line).</param>
    /// <param name="timestamp">Written with millisecond precision.</param>
    public LinePoint(string measurement, DateTimeOffset timestamp)
    {
        LineText.EnsureName(measurement, "measurement name");
        if (measurement[0] == '#')
        {
            throw new LineProtocolException($"Measurement name '{measurement}' starts with '#', which makes the line a comment.");
        }

        Measurement = measurement;
        Timestamp = timestamp;
    }

    public string Measurement { get; }

    public DateTimeOffset Timestamp { get; }

    /// <summary>Tags in key order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags.Select(t => t).ToList();

    /// <summary>Fields in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, FieldValue>> Fields => _fields;

    internal SortedList<string, string> SortedTags => _tags;

    /// <summary>Adds a tag; a null or empty value adds nothing.</summary>
    public LinePoint Tag(string key, string? value)
    {
        EnsureKey(key, "tag key");
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        LineText.EnsureName(value, $"value of tag '{key}'");
        if (!_tags.TryAdd(key, value))
        {
            throw new LineProtocolException($"Tag '{key}' is given twice.");
        }

        return this;
    }

    public LinePoint Field(string key, FieldValue value)
    {
        EnsureKey(key, "field key");
        if (_fields.Exists(f => f.Key == key))
        {
            throw new LineProtocolException($"Field '{key}' is given twice.");
        }

        _fields.Add(new(key, value));
        return this;
    }

    public LinePoint Field(string key, long value) => Field(key, FieldValue.Of(value));

    public LinePoint Field(string key, double value) => Field(key, FieldValue.Of(value));

    public LinePoint Field(string key, bool value) => Field(key, FieldValue.Of(value));

    public LinePoint Field(string key, string value) => Field(key, FieldValue.Of(value));

    private static void EnsureKey(string key, string what)
    {
        LineText.EnsureName(key, what);
        if (ReservedKeys.Contains(key))
        {
            throw new LineProtocolException($"'{key}' is reserved by InfluxDB and cannot be a {what}.");
        }
    }
}
