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

        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
