using ThuisMonitoring.DeviceSimulator.Load;

namespace ThuisMonitoring.DeviceSimulator.Tests.Load;

public sealed class LatencySummaryTests
{
    [Theory]
    [InlineData(50, 50)]
    [InlineData(95, 95)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0, 1)]
    [InlineData(0.5, 1)]
    [InlineData(50.5, 51)]
    public void Nearest_rank_percentile_of_1_to_100(double percent, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        LatencySummary.Percentile(sorted, percent).Should().Be(expected);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 50, 7)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 50, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 75, 3)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 76, 4)]
    [InlineData(new double[] { 10, 20, 30, 40, 50 }, 95, 50)]
    public void Nearest_rank_percentile_of_small_sets(double[] sorted, double percent, double expected) =>
        LatencySummary.Percentile(sorted, percent).Should().Be(expected);

    [Fact]
    public void Summary_sorts_the_samples_and_reports_count_mean_and_maximum()
    {
        var summary = LatencySummary.From([5, 1, 4, 2, 3]);

        summary.Should().Be(new LatencySummary(5, 3, 3, 5, 5, 5));
    }

    [Fact]
    public void Summary_of_nothing_is_empty() =>
        LatencySummary.From([]).Should().Be(LatencySummary.Empty);

    [Fact]
    public void Percentile_of_nothing_is_refused()
    {
        var act = () => LatencySummary.Percentile([], 50);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
