namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>The four field types of line protocol.</summary>
public enum FieldKind
{
    Integer,
    Float,
    Boolean,
    String,
}

/// <summary>One field value with its line-protocol type; validated when created.</summary>
public readonly record struct FieldValue
{
    /// <summary>InfluxDB 1.x refuses string fields larger than 64 KiB (UTF-8).</summary>
    public const int MaxStringBytes = 65_535;

    private FieldValue(FieldKind kind, long integer, double number, bool boolean, string? text)
    {
        Kind = kind;
        Integer = integer;
        Float = number;
        Boolean = boolean;
        Text = text;
    }

    public FieldKind Kind { get; }

    public long Integer { get; }

    public double Float { get; }

    public bool Boolean { get; }

    public string? Text { get; }

    public static FieldValue Of(long value) => new(FieldKind.Integer, value, 0, false, null);

    /// <summary>A float; NaN and infinities have no line-protocol form and are refused.</summary>
    public static FieldValue Of(double value) =>
        double.IsFinite(value)
            ? new(FieldKind.Float, 0, value, false, null)
            : throw new LineProtocolException($"Float field value {value} is not finite; line protocol cannot carry it.");

    public static FieldValue Of(bool value) => new(FieldKind.Boolean, 0, 0, value, null);

    /// <summary>A string; control characters (newlines above all) and broken UTF-16 are refused.</summary>
    public static FieldValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        LineText.EnsureCarriable(value, "string field value");
        if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxStringBytes)
        {
            throw new LineProtocolException($"String field value is longer than {MaxStringBytes} bytes.");
        }

        return new(FieldKind.String, 0, 0, false, value);
    }
}
