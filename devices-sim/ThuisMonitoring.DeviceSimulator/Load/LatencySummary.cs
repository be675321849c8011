namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>Latencies in milliseconds: count, mean, nearest-rank percentiles and the maximum.</summary>
public sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Summarises the samples (the array is sorted in place).</summary>
    public static LatencySummary From(double[] samples)
    {
        if (samples.Length == 0)
        {
            return Empty;
        }

        Array.Sort(samples);
        return new LatencySummary(
            samples.Length,
            Round(samples.Average()),
            Round(Percentile(samples, 50)),
            Round(Percentile(samples, 95)),
            Round(Percentile(samples, 99)),
            Round(samples[^1]));
    }

    /// <summary>
    /// Nearest-rank percentile of sorted samples: the smallest sample with at least p% of the samples at or below it.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    private static double Round(double milliseconds) => Math.Round(milliseconds, 2);
}
