using System.Globalization;
using ThuisMonitoring.Domain.Reports;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// Reads <c>from</c> and <c>to</c> of a report request: a date (<c>yyyy-MM-dd</c>, a whole day in Europe/Amsterdam,
/// <c>to</c> included) or an instant in ISO 8601 with its offset (<c>to</c> excluded). Without <c>to</c> the period
/// ends now; without <c>from</c> it is the 30 days before <c>to</c>.
/// </summary>
public static class ReportPeriodQuery
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(30);

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The period, or null with <paramref name="error"/> saying what is wrong with the input.</summary>
    public static ReportPeriod? Parse(string? from, string? to, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!TryInstant(to, endOfDay: true, out var end) || !TryInstant(from, endOfDay: false, out var start))
        {
            error = "from and to are dates (yyyy-MM-dd) or instants in ISO 8601 with an offset (2026-12-01T08:00:00Z).";
            return null;
        }

        var until = end ?? now;
        var since = start ?? until - DefaultLength;
        if (until <= since)
        {
            error = "to must lie after from.";
            return null;
        }

        if (until - since > ReportPeriod.Longest)
        {
            error = "A report covers at most 366 days.";
            return null;
        }

        return new ReportPeriod(since, until);
    }

    private static bool TryInstant(string? text, bool endOfDay, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (endOfDay && date == DateOnly.MaxValue)
            {
                return false;
            }

            instant = StartOfDay(endOfDay ? date.AddDays(1) : date);
            return true;
        }

        // An instant must say its offset: a bare local time would be read in the server's zone.
        if (text.Length > 10 && (text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || HasOffset(text))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }

    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && (text.IndexOf('+', time) > 0 || text.IndexOf('-', time) > 0);
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in Europe/Amsterdam (summer or winter time).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }
}
