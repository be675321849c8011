namespace ThuisMonitoring.Domain.Reports;

/// <summary>The order statistics of a report: the median, and a percentile by nearest rank.</summary>
public static class Percentiles
{
    /// <summary>The middle value; of an even count the mean of the two middle values; null when there are none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or
    /// below it (the ⌈p/100 · n⌉-th smallest); null when there are none.
    /// </summary>
    public static double? NearestRank(IEnumerable<double> values, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = ((percent * sorted.Length) + 99) / 100;
        return sorted[rank - 1];
    }
}
