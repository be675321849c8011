using ThuisMonitoring.Domain.Continuous;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>
/// The sample window of a stream (issue 14: kept packed, 12 bytes a sample, the time to the millisecond and finer ticks
/// beside): oldest first, wrap-around, growth, and every sample read back exactly as it was added, also one that does
/// not pack.
/// </summary>
public sealed class SampleRingTests
{
    private static readonly DateTimeOffset T0 = SpotCheck.MorningRound;

    [Fact]
    public void An_empty_ring_has_no_samples()
    {
        var ring = new SampleRing(4);

        ring.Count.Should().Be(0);
        ring.ToArray().Should().BeEmpty();
        ring.Invoking(r => r.RemoveFirst()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Removing_before_a_time_on_an_empty_ring_does_nothing()
    {
        var ring = new SampleRing(4);

        ring.RemoveBefore(T0.AddHours(1));

        ring.Count.Should().Be(0);
    }

    [Fact]
    public void A_full_ring_keeps_its_capacity_and_order()
    {
        var ring = new SampleRing(4);
        var samples = Samples(4);

        ring.AddRange(samples);

        ring.Count.Should().Be(4);
        ring.Capacity.Should().Be(4);
        ring.ToArray().Should().Equal(samples);
        ring.First.Should().Be(samples[0]);
        ring.Last.Should().Be(samples[3]);
    }

    [Fact]
    public void Adding_to_a_full_ring_grows_it_and_keeps_the_order()
    {
        var ring = new SampleRing(4);
        var samples = Samples(9);

        ring.AddRange(samples);

        ring.Count.Should().Be(9);
        ring.Capacity.Should().Be(16);
        ring.ToArray().Should().Equal(samples);
    }

    [Fact]
    public void A_ring_wraps_around_without_growing_while_its_window_slides()
    {
        var ring = new SampleRing(4);
        var samples = Samples(20);

        foreach (var sample in samples)
        {
            ring.Add(sample);
            ring.RemoveBefore(sample.At.AddSeconds(-2));
        }

        ring.Capacity.Should().Be(4, "the window never holds more than four at once");
        ring.ToArray().Should().Equal(samples[17], samples[18], samples[19]);
        ring[0].Should().Be(samples[17]);
        ring[2].Should().Be(samples[19]);
    }

    [Fact]
    public void A_wrapped_full_ring_grows_in_order()
    {
        var ring = new SampleRing(4);
        var samples = Samples(7);
        ring.AddRange(samples[..4]);
        ring.RemoveFirst();
        ring.RemoveFirst();
        ring.AddRange(samples[4..6]);

        ring.Add(samples[6]);

        ring.ToArray().Should().Equal(samples[2..]);
    }

    [Fact]
    public void Every_value_reads_back_exactly()
    {
        var ring = new SampleRing(2);
        ContinuousSample[] samples =
        [
            new(T0, 96, 78, 16, 1.25),
            new(T0.AddSeconds(1), null, null, null, null, SensorOn: false),
            new(T0.AddTicks(10_000_001), 50, 250, 4, 0.4),
            new(T0.AddSeconds(3), 100, 20, 60, 20.0),
            new(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2)).AddTicks(3), 0, 254, 0, 0.001),
            new(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.FromMinutes(-345)), 91, null, 17, 0.0),
        ];

        ring.AddRange(samples);

        ring.ToArray().Should().Equal(samples);
        ring[4].At.Offset.Should().Be(TimeSpan.FromHours(2));
        ring[5].At.Offset.Should().Be(TimeSpan.FromMinutes(-345));
    }

    [Theory]
    [InlineData(300, null, null, null)]
    [InlineData(null, -1, null, null)]
    [InlineData(null, null, 255, null)]
    [InlineData(null, null, null, 1.23456)]
    [InlineData(null, null, null, 70.0)]
    [InlineData(null, null, null, -0.0)]
    [InlineData(null, null, null, double.NaN)]
    public void A_sample_that_does_not_pack_is_kept_whole_with_the_ones_before_it(int? spo2, int? heartRate, int? respiratoryRate, double? perfusionIndex)
    {
        var ring = new SampleRing(2);
        var before = Samples(3);
        var odd = new ContinuousSample(T0.AddSeconds(3), spo2, heartRate, respiratoryRate, perfusionIndex);
        ring.AddRange(before);
        ring.RemoveFirst();

        ring.Add(odd);
        ring.Add(before[0] with { At = T0.AddSeconds(4) });

        ring.ToArray().Should().Equal(before[1], before[2], odd, before[0] with { At = T0.AddSeconds(4) });
        BitConverter.DoubleToInt64Bits(ring[2].PerfusionIndex ?? 0).Should().Be(BitConverter.DoubleToInt64Bits(perfusionIndex ?? 0));
    }

    [Fact]
    public void A_whole_ring_wraps_around_like_a_packed_one()
    {
        var ring = new SampleRing(4);
        ring.Add(new ContinuousSample(T0, Spo2: 1000));
        var samples = Samples(12);

        foreach (var sample in samples)
        {
            ring.Add(sample);
            ring.RemoveBefore(sample.At.AddSeconds(-1));
        }

        ring.Capacity.Should().Be(4);
        ring.ToArray().Should().Equal(samples[10], samples[11]);
    }

    [Fact]
    public void Times_finer_than_a_millisecond_read_back_exactly_as_the_ring_wraps_and_grows()
    {
        // Whole milliseconds first (nothing kept beside), then a device that stamps microseconds, then whole again.
        var ring = new SampleRing(2);
        var samples = Samples(12);
        for (var i = 4; i < 9; i++)
        {
            samples[i] = samples[i] with { At = samples[i].At.AddTicks((i * 1_234) % 10_000) };
        }

        samples[8] = samples[8] with { At = samples[8].At.AddTicks(9_999).ToOffset(TimeSpan.FromMinutes(-345)) };
        var kept = new List<ContinuousSample>();
        foreach (var sample in samples)
        {
            ring.Add(sample);
            kept.Add(sample);
            if (kept.Count == 3)
            {
                ring.RemoveFirst();
                kept.RemoveAt(0);
            }

            ShouldHoldExactly(ring, kept);
        }

        ring.AddRange(samples[..5]);
        kept.AddRange(samples[..5]);
        ShouldHoldExactly(ring, kept);
    }

    [Theory]
    [MemberData(nameof(TimesThatDoNotPack))]
    public void A_time_that_does_not_pack_is_kept_whole_with_the_ones_before_it(DateTimeOffset at)
    {
        var ring = new SampleRing(2);
        var before = Samples(3);
        before[1] = before[1] with { At = before[1].At.AddTicks(1) };
        var odd = before[0] with { At = at };
        ring.AddRange(before);
        ring.RemoveFirst();

        ring.Add(odd);
        ring.Add(before[0] with { At = T0.AddSeconds(4) });

        ShouldHoldExactly(ring, [before[1], before[2], odd, before[0] with { At = T0.AddSeconds(4) }]);
    }

    public static TheoryData<DateTimeOffset> TimesThatDoNotPack => new()
    {
        new DateTimeOffset(2019, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(((1L << 41) * TimeSpan.TicksPerMillisecond) - 1).AddTicks(1),
        new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)),
        new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromMinutes(1)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    };

    [Theory]
    [MemberData(nameof(EdgesThatPack))]
    public void A_time_at_an_edge_of_the_packed_range_reads_back_exactly(DateTimeOffset at)
    {
        var ring = new SampleRing(2);
        var samples = new[] { new ContinuousSample(at, 96, 78, 16, 1.25), new ContinuousSample(at, null, null, null, null, SensorOn: false) };

        ring.AddRange(samples);

        ShouldHoldExactly(ring, samples);
    }

    public static TheoryData<DateTimeOffset> EdgesThatPack => new()
    {
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-14)),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(((1L << 41) * TimeSpan.TicksPerMillisecond) - 1),
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(((1L << 41) * TimeSpan.TicksPerMillisecond) - 1).ToOffset(TimeSpan.FromHours(14)),
        new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromMinutes(345)).AddTicks(7),
    };

    // A ContinuousSample compares its time as an instant; the offset and every tick are checked here too.
    private static void ShouldHoldExactly(SampleRing ring, IReadOnlyList<ContinuousSample> samples)
    {
        ring.ToArray().Should().Equal(samples);
        for (var i = 0; i < samples.Count; i++)
        {
            ring[i].At.UtcTicks.Should().Be(samples[i].At.UtcTicks);
            ring[i].At.Offset.Should().Be(samples[i].At.Offset);
        }
    }

    private static ContinuousSample[] Samples(int count)
    {
        var samples = new ContinuousSample[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = new ContinuousSample(T0.AddSeconds(i), 90 + (i % 10), 70 + i, 12 + (i % 8), (50 + i) / 100.0, i % 5 != 4);
        }

        return samples;
    }
}
