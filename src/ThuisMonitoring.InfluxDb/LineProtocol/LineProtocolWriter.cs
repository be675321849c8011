using System.Globalization;
using System.Text;

namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>
/// Writes points as InfluxDB line protocol, one line each, terminated by '\n':
/// <c>measurement[,tag=value...] field=value[,field=value...] timestamp</c>, timestamps in milliseconds.
/// Escaping follows the specification: in the measurement name comma and space; in tag keys, tag values and field
/// keys comma, equals sign and space; in string field values double quote and backslash. Integers carry the
/// <c>i</c> suffix, floats are written in invariant culture (shortest round-trip form), booleans as
/// <c>true</c>/<c>false</c>. Values that cannot be carried never reach this class (see <see cref="LinePoint"/>).
/// </summary>
public sealed class LineProtocolWriter
{
    private readonly StringBuilder _buffer;

    public LineProtocolWriter(StringBuilder? buffer = null) => _buffer = buffer ?? new StringBuilder();

    /// <summary>Lines written so far.</summary>
    public int LineCount { get; private set; }

    /// <summary>Appends the point as one line (with its terminating newline).</summary>
    public void Write(LinePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Fields.Count == 0)
        {
            throw new LineProtocolException($"A point of '{point.Measurement}' without fields cannot be written.");
        }

        AppendEscaped(_buffer, point.Measurement, escapeEquals: false);
        foreach (var (key, value) in point.SortedTags)
        {
            _buffer.Append(',');
            AppendEscaped(_buffer, key, escapeEquals: true);
            _buffer.Append('=');
            AppendEscaped(_buffer, value, escapeEquals: true);
        }

        var separator = ' ';
        foreach (var (key, value) in point.Fields)
        {
            _buffer.Append(separator);
            separator = ',';
            AppendEscaped(_buffer, key, escapeEquals: true);
            _buffer.Append('=');
            AppendValue(_buffer, value);
        }

        _buffer.Append(' ').Append(point.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        LineCount++;
    }

    /// <summary>The lines written so far.</summary>
    public override string ToString() => _buffer.ToString();

    /// <summary>One point as one line, including its newline.</summary>
    public static string ToLine(LinePoint point)
    {
        var writer = new LineProtocolWriter();
        writer.Write(point);
        return writer.ToString();
    }

    private static void AppendEscaped(StringBuilder buffer, string name, bool escapeEquals)
    {
        foreach (var c in name)
        {
            if (c == ',' || c == ' ' || (escapeEquals && c == '='))
            {
                buffer.Append('\\');
            }

            buffer.Append(c);
        }
    }

    private static void AppendValue(StringBuilder buffer, FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Integer:
                buffer.Append(value.Integer.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            case FieldKind.Float:
                buffer.Append(value.Float.ToString("R", CultureInfo.InvariantCulture));
                break;
            case FieldKind.Boolean:
                buffer.Append(value.Boolean ? "true" : "false");
                break;
            case FieldKind.String:
                buffer.Append('"');
                foreach (var c in value.Text!)
                {
                    if (c == '"' || c == '\\')
                    {
                        buffer.Append('\\');
                    }

                    buffer.Append(c);
                }

                buffer.Append('"');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }
    }
}
