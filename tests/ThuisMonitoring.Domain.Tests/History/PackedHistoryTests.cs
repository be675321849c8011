using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.History;

/// <summary>
/// The history keeps its records packed (issue 14: 12 bytes a record instead of an object of 72, the time to the
/// millisecond and finer ticks beside): every record reads back exactly as added, in place
/// (<see cref="VitalHistory.EntryAt"/>) and as a record, also one that does not pack (a value out of range, a time
/// outside 2020-2089 or with an offset of no time zone).
/// </summary>
public sealed class PackedHistoryTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly TimeSpan Keep = TimeSpan.FromDays(2);

    // The range of times that pack: 41 bits of milliseconds from 2020 (and the ticks of the last one).
    private static readonly DateTimeOffset FirstPacked = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastPacked = FirstPacked.AddTicks(((1L << 41) - 1) * TimeSpan.TicksPerMillisecond);

    public static TheoryData<VitalRecord> Records => new()
    {
        new VitalRecord(Start, 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(Start.AddTicks(1), null, null, null, 0, true, Level.Red),
        new VitalRecord(Start, 50, 4, 20, 15, false, Level.Orange),
        new VitalRecord(Start, 100, 60, 250, 0.5, true, Level.Green),
        new VitalRecord(Start, 0, 0, 254, 2.125, false, Level.Green),
        new VitalRecord(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromMinutes(-345)).AddTicks(7), 91, null, 88, 1.5, false, Level.Orange),
        new VitalRecord(Start.AddMilliseconds(1), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(Start.AddMilliseconds(999), 96, 16, 78, 65.535, false, Level.Green),
        new VitalRecord(new DateTimeOffset(2026, 12, 3, 23, 59, 59, 123, TimeSpan.FromHours(14)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(new DateTimeOffset(2026, 12, 3, 0, 0, 0, 1, TimeSpan.FromHours(-14)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromMinutes(345)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(FirstPacked.AddMinutes(1), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(LastPacked.AddMinutes(-1), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(LastPacked.AddMinutes(-1).ToOffset(TimeSpan.FromHours(-14)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(Start.AddTicks(TimeSpan.TicksPerMillisecond - 1), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(Start.AddTicks(123_456_789), 96, 16, 78, 2, false, Level.Green),

        // These do not pack; the history keeps them whole.
        new VitalRecord(Start, 255, 16, 78, 2, false, Level.Green),
        new VitalRecord(Start, 96, -1, 78, 2, false, Level.Green),
        new VitalRecord(Start, 96, 16, 1000, 2, false, Level.Green),
        new VitalRecord(Start, 96, 16, 78, 0.1234, false, Level.Green),
        new VitalRecord(Start, 96, 16, 78, 70, false, Level.Green),
        new VitalRecord(Start, 96, 16, 78, -0.5, false, Level.Green),
        new VitalRecord(Start, 96, 16, 78, double.NaN, false, Level.Green),
        new VitalRecord(Start, 96, 16, 78, 2, false, (Level)7),
        new VitalRecord(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromMinutes(5)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromMinutes(-839)), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero), 96, 16, 78, 2, false, Level.Green),
        new VitalRecord(new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), 96, 16, 78, 2, false, Level.Green),
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void A_record_reads_back_exactly_in_place_and_whole(VitalRecord record)
    {
        var before = new VitalRecord(record.MeasuredAt.AddMinutes(-1), 95, 15, 70, 2, false, Level.Green);
        var after = new VitalRecord(record.MeasuredAt.AddMinutes(1), 94, 17, 72, 2, true, Level.Green);

        var history = VitalHistory.Empty.Add(before, Keep).Add(record, Keep).Add(after, Keep);

        history.Records.Should().Equal(before, record, after);
        history.Count.Should().Be(3);
        var entry = history.EntryAt(1);
        entry.MeasuredAt.Should().Be(record.MeasuredAt);
        entry.MeasuredAt.Offset.Should().Be(record.MeasuredAt.Offset);
        entry.Spo2.Should().Be(record.Spo2);
        entry.RespiratoryRate.Should().Be(record.RespiratoryRate);
        entry.HeartRate.Should().Be(record.HeartRate);
        BitConverter.DoubleToInt64Bits(entry.OxygenFlow).Should().Be(BitConverter.DoubleToInt64Bits(record.OxygenFlow));
        entry.Exertion.Should().Be(record.Exertion);
        entry.Level.Should().Be(record.Level);
        entry.ToRecord().Should().Be(record);
        new VitalHistory([before, record, after]).Should().Be(history);
    }

    [Fact]
    public void An_empty_history_has_no_entries()
    {
        VitalHistory.Empty.Count.Should().Be(0);
        VitalHistory.Empty.LastMeasuredAt.Should().BeNull();
        VitalHistory.Empty.Invoking(h => h.EntryAt(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_last_measured_time_is_the_newest_records()
    {
        var history = VitalHistory.Empty
            .Add(new VitalRecord(Start.AddHours(1), 96, 16, 78, 2, false, Level.Green), Keep)
            .Add(new VitalRecord(Start, 95, 16, 78, 2, false, Level.Green), Keep);

        history.LastMeasuredAt.Should().Be(Start.AddHours(1));
        history.Invoking(h => h.EntryAt(2)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Histories_that_share_an_array_keep_their_own_records_whole_or_packed()
    {
        var common = VitalHistory.Empty.Add(new VitalRecord(Start, 96, 16, 78, 2, false, Level.Green), Keep);
        var whole = new VitalRecord(Start.AddMinutes(1), 96, 16, 78, 0.1234, false, Level.Green);
        var packed = new VitalRecord(Start.AddMinutes(1), 90, 20, 99, 2, false, Level.Orange);

        var one = common.Add(whole, Keep);
        var other = common.Add(packed, Keep);

        one.Records.Should().Equal(common.Records[0], whole);
        other.Records.Should().Equal(common.Records[0], packed);
        common.Records.Should().ContainSingle();
        one.Should().NotBe(other);
    }

    [Fact]
    public void A_history_that_grows_past_its_array_keeps_its_whole_records()
    {
        var history = VitalHistory.Empty;
        var added = new List<VitalRecord>();
        for (var i = 0; i < 40; i++)
        {
            var record = new VitalRecord(Start.AddMinutes(i), i % 3 == 0 ? 300 : 96, 16, 78, 2, false, Level.Green);
            added.Add(record);
            history = history.Add(record, Keep);
        }

        history.Records.Should().Equal(added);
    }

    [Fact]
    public void A_whole_and_a_packed_record_of_the_same_values_are_equal()
    {
        // -0.0 does not pack (it would read back as 0.0), yet a record of it equals one of 0.0, as records always did.
        var negative = new VitalHistory([new VitalRecord(Start, 96, 16, 78, -0.0, false, Level.Green)]);
        var positive = new VitalHistory([new VitalRecord(Start, 96, 16, 78, 0.0, false, Level.Green)]);

        negative.Should().Be(positive);
    }

    [Theory]
    [InlineData(96, 16, 78, null, 2.0)]
    [InlineData(300, 16, 78, 1.5, 2.0)]
    [InlineData(null, null, null, null, 0.1234)]
    public void A_measurement_added_is_its_record(int? spo2, int? respiratoryRate, int? heartRate, double? measuredFlow, double flow)
    {
        var measurement = new Measurements.Measurement(Start, spo2, heartRate, respiratoryRate, OxygenFlow: measuredFlow, Exertion: true);

        var history = VitalHistory.Empty.Add(measurement, flow, Level.Orange, Keep);

        history.Records.Should().Equal(VitalHistory.RecordOf(measurement, flow, Level.Orange));
    }

    [Theory]
    [MemberData(nameof(EdgesOfThePackedRange))]
    public void A_time_at_an_edge_of_the_packed_range_reads_back_exactly(DateTimeOffset at)
    {
        // Alone and kept for no longer than itself, so no neighbour or cut-off has to lie in DateTimeOffset's range.
        var record = new VitalRecord(at, 96, 16, 78, 2, false, Level.Green);

        var added = VitalHistory.Empty.Add(record, TimeSpan.Zero);
        var read = new VitalHistory([record]);

        foreach (var history in new[] { added, read })
        {
            history.Records.Should().Equal(record);
            history.EntryAt(0).MeasuredAt.Should().Be(at);
            history.EntryAt(0).MeasuredAt.Offset.Should().Be(at.Offset);
            history.LastMeasuredAt.Should().Be(at);
        }

        added.Should().Be(read);
    }

    public static TheoryData<DateTimeOffset> EdgesOfThePackedRange => new()
    {
        FirstPacked,
        FirstPacked.ToOffset(TimeSpan.FromHours(14)),
        FirstPacked.AddTicks(-1),
        FirstPacked.AddMilliseconds(-1).ToOffset(TimeSpan.FromHours(-14)),
        LastPacked,
        LastPacked.ToOffset(TimeSpan.FromHours(-14)),
        LastPacked.AddTicks(TimeSpan.TicksPerMillisecond - 1),
        LastPacked.AddTicks(TimeSpan.TicksPerMillisecond),
        LastPacked.AddMilliseconds(1).ToOffset(TimeSpan.FromHours(14)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    };

    [Fact]
    public void A_record_kept_whole_is_dropped_by_its_own_time()
    {
        // A value out of range: the oldest record is kept whole, and the age cut-off reads its own time (to the tick).
        var keep = TimeSpan.FromMinutes(10);
        var whole = new VitalRecord(Start.AddTicks(5), 300, 16, 78, 2, false, Level.Green);
        var atTheEdge = new VitalRecord(Start + keep, 95, 16, 78, 2, false, Level.Green);
        var past = new VitalRecord(Start + keep + TimeSpan.FromMilliseconds(1), 94, 16, 78, 2, false, Level.Green);

        var kept = VitalHistory.Empty.Add(whole, keep).Add(atTheEdge, keep);
        var dropped = kept.Add(past, keep);

        kept.Records.Should().Equal(whole, atTheEdge);
        dropped.Records.Should().Equal(atTheEdge, past);
    }

    [Fact]
    public void Times_finer_than_a_millisecond_read_back_exactly_as_histories_share_and_move_arrays()
    {
        // Whole milliseconds first (nothing kept beside), then a device that stamps microseconds, past the first array.
        var history = VitalHistory.Empty;
        var added = new List<VitalRecord>();
        for (var i = 0; i < 60; i++)
        {
            var at = Start.AddMinutes(i).AddTicks(i < 10 ? 0 : (i * 1_234) % 10_000);
            var record = new VitalRecord(at, 96, 16, 78, 2, i % 2 == 0, Level.Green);
            added.Add(record);
            history = history.Add(record, Keep);
        }

        var branch = history.Add(new VitalRecord(Start.AddHours(2), 90, 16, 78, 2, false, Level.Orange), Keep);
        var other = history.Add(new VitalRecord(Start.AddHours(2).AddTicks(1), 90, 16, 78, 2, false, Level.Orange), Keep);

        history.Records.Should().Equal(added);
        for (var i = 0; i < added.Count; i++)
        {
            history.EntryAt(i).MeasuredAt.UtcTicks.Should().Be(added[i].MeasuredAt.UtcTicks);
            history.EntryAt(i).MeasuredAt.Offset.Should().Be(added[i].MeasuredAt.Offset);
        }

        branch.LastMeasuredAt!.Value.UtcTicks.Should().Be(Start.AddHours(2).UtcTicks);
        other.LastMeasuredAt!.Value.UtcTicks.Should().Be(Start.AddHours(2).UtcTicks + 1);
        branch.Should().NotBe(other);
        new VitalHistory(added).Should().Be(history);
        new VitalHistory([.. added[..^1], added[^1] with { MeasuredAt = added[^1].MeasuredAt.AddTicks(1) }]).Should().NotBe(history);
    }
}
