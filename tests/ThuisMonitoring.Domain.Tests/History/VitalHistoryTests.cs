using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.History;

/// <summary>The history the trend rules read: ordered, bounded in time and count.</summary>
public sealed class VitalHistoryTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;

    [Fact]
    public void Records_are_kept_in_time_order_whatever_order_they_arrive_in()
    {
        var history = VitalHistory.Empty
            .Add(At(Start.AddHours(2)), TimeSpan.FromDays(2))
            .Add(At(Start), TimeSpan.FromDays(2))
            .Add(At(Start.AddHours(1)), TimeSpan.FromDays(2));

        history.Records.Select(r => r.MeasuredAt).Should().BeInAscendingOrder().And.HaveCount(3);
    }

    [Fact]
    public void Records_older_than_the_horizon_before_the_newest_are_dropped()
    {
        var history = VitalHistory.Empty;
        for (var hour = 0; hour <= 72; hour += 4)
        {
            history = history.Add(At(Start.AddHours(hour)), TimeSpan.FromHours(48));
        }

        history.Records[0].MeasuredAt.Should().BeOnOrAfter(Start.AddHours(72 - 48));
        history.Records[^1].MeasuredAt.Should().Be(Start.AddHours(72));
    }

    [Fact]
    public void No_more_than_the_capacity_is_kept_even_within_the_horizon()
    {
        var history = VitalHistory.Empty;
        for (var second = 0; second < VitalHistory.Capacity + 100; second++)
        {
            history = history.Add(At(Start.AddSeconds(second)), TimeSpan.FromHours(48));
        }

        history.Records.Should().HaveCount(VitalHistory.Capacity);
        history.Records[^1].MeasuredAt.Should().Be(Start.AddSeconds(VitalHistory.Capacity + 99));
    }

    [Fact]
    public void The_horizon_is_the_longest_look_back_of_the_protocol()
    {
        VitalHistory.HorizonOf(CovidOxygenProtocol.Default).Should().Be(TimeSpan.FromHours(48));
    }

    [Theory]
    [InlineData(new double[] { 97 }, 97)]
    [InlineData(new double[] { 99, 95 }, 97)]
    [InlineData(new double[] { 80, 99, 96 }, 96)]
    [InlineData(new double[] { 96, 98, 80, 99 }, 97)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double expected)
    {
        Median.Of(values).Should().Be(expected);
    }

    private static VitalRecord At(DateTimeOffset at) => new(at, 96, 16, 80, 2, false, Level.Green);
}
