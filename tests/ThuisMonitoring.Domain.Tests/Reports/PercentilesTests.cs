using ThuisMonitoring.Domain.Reports;

namespace ThuisMonitoring.Domain.Tests.Reports;

/// <summary>The order statistics of the regional report: median (mean of the middle two of an even count) and p90 by nearest rank.</summary>
public sealed class PercentilesTests
{
    [Fact]
    public void Nothing_has_no_median_and_no_p90()
    {
        Percentiles.Median([]).Should().BeNull();
        Percentiles.NearestRank([], 90).Should().BeNull();
    }

    [Theory]
    [InlineData(new[] { 7.0 }, 7.0)]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 10.0, 20.0 }, 15.0)]
    [InlineData(new[] { 5.0, 5.0, 1.0, 9.0 }, 5.0)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Percentiles.Median(values).Should().Be(median);

    [Theory]
    [InlineData(new[] { 7.0 }, 7.0)]
    [InlineData(new[] { 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 }, 9.0)]
    [InlineData(new[] { 11.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 }, 10.0)]
    [InlineData(new[] { 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0 }, 18.0)]
    public void P90_is_the_smallest_value_with_ninety_percent_at_or_below_it(double[] values, double p90) =>
        Percentiles.NearestRank(values, 90).Should().Be(p90);

    [Fact]
    public void The_hundredth_percentile_is_the_largest_and_the_first_the_smallest()
    {
        Percentiles.NearestRank([3.0, 9.0, 1.0], 100).Should().Be(9.0);
        Percentiles.NearestRank([3.0, 9.0, 1.0], 1).Should().Be(1.0);
    }
}
