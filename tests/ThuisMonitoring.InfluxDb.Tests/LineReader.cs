using System.Text;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// An independent reader of one line of line protocol, following the spec's rules (a backslash escapes the next
/// character in names; string fields in double quotes with \" and \\), to check what the writer wrote reads back as
/// what it was given.
/// </summary>
public sealed record ReadLine(string Measurement, IReadOnlyList<(string Key, string Value)> Tags, IReadOnlyList<(string Key, string Value)> Fields, long Timestamp)
{
    public static ReadLine Parse(string text)
    {
        text.Should().EndWith("\n");
        var line = text[..^1];
        line.Should().NotContainAny("\n", "\r");
        var i = 0;
        var measurement = Name(line, ref i, ", ");
        var tags = new List<(string Key, string Value)>();
        while (line[i] == ',')
        {
            i++;
            var key = Name(line, ref i, "=");
            i++;
            tags.Add((key, Name(line, ref i, ", ")));
        }

        line[i++].Should().Be(' ');
        var fields = new List<(string Key, string Value)>();
        do
        {
            var key = Name(line, ref i, "=");
            i++;
            fields.Add((key, line[i] == '"' ? Quoted(line, ref i) : Name(line, ref i, ", ")));
        }
        while (line[i++] == ',');

        return new ReadLine(measurement, tags, fields, long.Parse(line[i..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Name(string line, ref int i, string stops)
    {
        var name = new StringBuilder();
        while (i < line.Length && !stops.Contains(line[i], StringComparison.Ordinal))
        {
            if (line[i] == '\\')
            {
                i++;
            }

            name.Append(line[i++]);
        }

        return name.ToString();
    }

    private static string Quoted(string line, ref int i)
    {
        var value = new StringBuilder("\"");
        i++;
        while (line[i] != '"')
        {
            if (line[i] == '\\' && (line[i + 1] == '"' || line[i + 1] == '\\'))
            {
                i++;
            }

            value.Append(line[i++]);
        }

        i++;
        return value.Append('"').ToString();
    }
}
