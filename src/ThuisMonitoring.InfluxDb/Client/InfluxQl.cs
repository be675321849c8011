using System.Globalization;
using System.Text;

namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>Quoting for InfluxQL: every identifier and string literal built into a query goes through here.</summary>
internal static class InfluxQl
{
    /// <summary>A double-quoted identifier.</summary>
    public static string Identifier(string name) => Quote(name, '"');

    /// <summary>A single-quoted string literal.</summary>
    public static string Literal(string value) => Quote(value, '\'');

    /// <summary>An instant as an epoch-millisecond time literal.</summary>
    public static string Time(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary><c>"db"."rp"."measurement"</c>, or <c>"db".."measurement"</c> for the default policy.</summary>
    public static string Qualified(string database, string? retentionPolicy, string measurement) =>
        $"{Identifier(database)}.{(string.IsNullOrEmpty(retentionPolicy) ? string.Empty : Identifier(retentionPolicy))}.{Identifier(measurement)}";

    private static string Quote(string text, char quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            if (c == quote || c == '\\')
            {
                quoted.Append('\\');
            }
            else if (c == '\n' || c == '\r')
            {
                throw new ArgumentException("InfluxQL names and literals cannot contain newlines.", nameof(text));
            }

            quoted.Append(c);
        }

        return quoted.Append(quote).ToString();
    }
}
