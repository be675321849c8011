namespace ThuisMonitoring.Domain.Reports;

/// <summary>The stretch of time a report covers: from <see cref="From"/> (inclusive) up to <see cref="To"/> (exclusive).</summary>
public sealed record ReportPeriod
{
    /// <summary>The longest period a report covers: a year, with a leap day.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public ReportPeriod(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException("A report period ends after it begins.", nameof(to));
        }

        if (to - from > Longest)
        {
            throw new ArgumentException("A report period is at most 366 days.", nameof(to));
        }

        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public bool Contains(DateTimeOffset at) => at >= From && at < To;
}
