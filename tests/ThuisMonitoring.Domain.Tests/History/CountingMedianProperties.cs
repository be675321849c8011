using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Tests.History;

/// <summary>
/// The counting-histogram median against sorting (<see cref="Median.Of"/>) on random sliding windows with fixed
/// seeds, over each vital's range and with values outside it.
/// </summary>
public sealed class CountingMedianProperties
{
    public static TheoryData<string, int> Ranges => new()
    {
        { "spo2", 1 }, { "spo2", 2 }, { "heartRate", 3 }, { "heartRate", 4 }, { "respiratoryRate", 5 }, { "respiratoryRate", 6 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_sliding_window_has_the_median_that_sorting_gives(string vital, int seed)
    {
        var range = vital switch
        {
            "spo2" => MeasurementRanges.Spo2,
            "heartRate" => MeasurementRanges.HeartRate,
            _ => MeasurementRanges.RespiratoryRate,
        };
        var random = new Random(seed);
        var median = new CountingMedian(range);
        var window = new Queue<int>();
        for (var i = 0; i < 20_000; i++)
        {
            var value = random.Next(50) == 0 ? random.Next(range.Min - 30, range.Max + 30) : random.Next(range.Min, range.Max + 1);
            median.Add(value);
            window.Enqueue(value);
            var size = random.Next(1, 400);
            while (window.Count > size)
            {
                median.Remove(window.Dequeue());
            }

            median.Count.Should().Be(window.Count);
            median.Median().Should().Be(Median.Of([.. window.Select(v => (double)v)]), "after {0} steps (seed {1})", i, seed);
        }

        while (window.Count > 0)
        {
            median.Remove(window.Dequeue());
        }

        median.Median().Should().BeNull();
    }

    [Fact]
    public void Removing_a_value_that_was_never_added_is_refused()
    {
        var median = new CountingMedian(MeasurementRanges.Spo2);
        median.Add(95);

        median.Invoking(m => m.Remove(94)).Should().Throw<InvalidOperationException>();
        median.Invoking(m => m.Remove(20)).Should().Throw<InvalidOperationException>();
        median.Median().Should().Be(95);
    }

    [Fact]
    public void A_value_counted_past_16_bits_keeps_the_median_exact()
    {
        // 70,000 of one value pass the 16-bit count (65,535): the histogram turns to 32-bit counts and keeps every count.
        var median = new CountingMedian(MeasurementRanges.HeartRate);
        median.Add(60);
        median.Add(61);
        for (var i = 0; i < 70_000; i++)
        {
            median.Add(80);
        }

        median.Add(120);
        median.Count.Should().Be(70_003);
        median.Median().Should().Be(80);

        for (var i = 0; i < 70_000; i++)
        {
            median.Remove(80);
        }

        median.Count.Should().Be(3);
        median.Median().Should().Be(61);
        median.Invoking(m => m.Remove(80)).Should().Throw<InvalidOperationException>();

        median.Clear();
        median.Median().Should().BeNull();
        median.Add(70);
        median.Median().Should().Be(70);
    }

    [Fact]
    public void A_value_counted_up_to_16_bits_and_down_again_keeps_the_median_exact()
    {
        var median = new CountingMedian(MeasurementRanges.Spo2);
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            median.Add(95);
        }

        median.Add(99);
        median.Add(99);
        median.Median().Should().Be(95);
        for (var i = 0; i < ushort.MaxValue - 1; i++)
        {
            median.Remove(95);
        }

        median.Median().Should().Be(99);
        median.Count.Should().Be(3);
    }

    [Fact]
    public void Values_outside_the_range_are_counted_when_the_first_comes()
    {
        var median = new CountingMedian(MeasurementRanges.RespiratoryRate);
        median.Invoking(m => m.Remove(MeasurementRanges.RespiratoryRate.Min - 1)).Should().Throw<InvalidOperationException>();
        median.Invoking(m => m.Remove(MeasurementRanges.RespiratoryRate.Max + 1)).Should().Throw<InvalidOperationException>();

        median.Add(MeasurementRanges.RespiratoryRate.Max + 5);
        median.Add(MeasurementRanges.RespiratoryRate.Min - 5);
        median.Add(16);

        median.Median().Should().Be(16);
        median.Remove(MeasurementRanges.RespiratoryRate.Max + 5);
        median.Median().Should().Be((MeasurementRanges.RespiratoryRate.Min - 5 + 16) / 2.0);
    }
}
