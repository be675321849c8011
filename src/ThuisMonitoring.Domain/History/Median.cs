namespace ThuisMonitoring.Domain.History;

/// <summary>The median: robust against the odd outlier that a mean would follow (one bad reading, one motion artefact).</summary>
public static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        var sorted = new double[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            sorted[i++] = value;
        }

        return InPlace(sorted);
    }

    /// <summary>The median of <paramref name="values"/>, sorting them in place (no allocation).</summary>
    public static double InPlace(Span<double> values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
