using System.Globalization;

namespace ThuisMonitoring.Fhir.Search;

/// <summary>
/// The <c>date</c> search parameter: each value a prefix (<c>ge</c>, <c>le</c>, <c>gt</c>, <c>lt</c>, <c>eq</c> or none)
/// and a FHIR date or dateTime (a time needs its offset); the values together narrow one range of instants.
/// </summary>
public sealed record DateRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    public bool Contains(DateTimeOffset instant) => instant >= From && instant <= To;

    public static DateRange? Read(IReadOnlyList<string> values, DateTimeOffset latest, out string? problem)
    {
        problem = null;
        var from = Earliest;
        var to = latest;
        foreach (var value in values)
        {
            var prefix = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[..2] : "eq";
            var text = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[2..] : value;
            if (prefix is not ("ge" or "le" or "gt" or "lt" or "eq") || !TryParse(text, out var start, out var end))
            {
                problem = $"date '{value}' must be ge, le, gt, lt or eq followed by a date (2026-12-01) or a dateTime with offset (2026-12-01T08:00:00Z).";
                return null;
            }

            switch (prefix)
            {
                case "ge": from = Max(from, start); break;
                case "gt": from = Max(from, end.AddTicks(1)); break;
                case "le": to = Min(to, end); break;
                case "lt": to = Min(to, start.AddTicks(-1)); break;
                default: from = Max(from, start); to = Min(to, end); break;
            }
        }

        return new DateRange(from, to);
    }

    /// <summary>The instants the value stands for: a whole year, month or day (UTC), or one instant (to the millisecond).</summary>
    private static bool TryParse(string text, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddYears(1).AddTicks(-1);
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddMonths(1).AddTicks(-1);
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out start))
        {
            end = start.AddDays(1).AddTicks(-1);
            return true;
        }

        var timePart = text.IndexOf('T', StringComparison.Ordinal);
        var hasOffset = timePart > 0 && (text.EndsWith('Z') || text.IndexOfAny(['+', '-'], timePart) > 0);
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            end = start.AddMilliseconds(1).AddTicks(-1);
            return true;
        }

        return false;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
