using System.Text.Json;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.History;

/// <summary>
/// The shared-array <see cref="VitalHistory"/> (issue 14) against the copying list it replaced, on random adds with
/// fixed seeds: mostly in time order, some out of order, some added to an older value (two histories grown from one
/// must not see each other's records), with the time and count bounds; its saved form by column reads back record
/// for record, and the form before it (one object per record) still reads.
/// </summary>
public sealed class VitalHistoryProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_adds_keep_what_the_copying_list_kept(int seed)
    {
        var random = new Random(seed);
        var values = new List<(VitalHistory History, List<VitalRecord> Reference)> { (VitalHistory.Empty, []) };
        var at = Start;
        for (var i = 0; i < 20_000; i++)
        {
            var from = random.Next(10) == 0 ? values[random.Next(values.Count)] : values[^1];
            at = at.AddSeconds(random.Next(1, 400));
            var measuredAt = random.Next(20) == 0 ? at.AddSeconds(-random.Next(0, 20_000)) : at;
            var record = new VitalRecord(measuredAt, random.Next(85, 100), 16, 80, 2, random.Next(10) == 0, Level.Green);
            var keep = TimeSpan.FromHours(random.Next(10) == 0 ? 1 : 48);

            var history = from.History.Add(record, keep);
            var reference = Added(from.Reference, record, keep);

            history.Records.Should().Equal(reference, "step {0} (seed {1})", i, seed);
            values.Add((history, reference));
            if (values.Count > 50)
            {
                values.RemoveAt(0);
            }
        }

        foreach (var (history, reference) in values)
        {
            history.Records.Should().Equal(reference, "a history stays as it was when others grew from it");
        }
    }

    [Fact]
    public void The_saved_form_is_by_column_and_the_list_of_records_saved_before_still_reads()
    {
        var history = VitalHistory.Empty
            .Add(new VitalRecord(Start, 95, 16, 80, 2, false, Level.Green), TimeSpan.FromHours(48))
            .Add(new VitalRecord(Start.AddMinutes(1), 94, 17, 82, 2, true, Level.Orange), TimeSpan.FromHours(48));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(history, options);

        json.Should().Be("{\"from\":\"2026-12-01T00:00:00+00:00\",\"seconds\":[0,60],\"spo2\":[95,94],\"respiratoryRate\":[16,17],"
            + "\"heartRate\":[80,82],\"oxygenFlow\":[2,2],\"levels\":\"01\",\"exertion\":[1]}");
        JsonSerializer.Deserialize<VitalHistory>(json, options).Should().Be(history);

        // As the code before issue 14 saved it (one object per record).
        var before = "{\"records\":[{\"measuredAt\":\"2026-12-01T00:00:00+00:00\",\"spo2\":95,\"respiratoryRate\":16,\"heartRate\":80,\"oxygenFlow\":2,\"exertion\":false,\"level\":0},"
            + "{\"measuredAt\":\"2026-12-01T00:01:00+00:00\",\"spo2\":94,\"respiratoryRate\":17,\"heartRate\":82,\"oxygenFlow\":2,\"exertion\":true,\"level\":1}]}";
        JsonSerializer.Deserialize<VitalHistory>(before, options).Should().Be(history);
        JsonSerializer.Deserialize<VitalHistory>("{\"records\":[]}", options)!.Records.Should().BeEmpty();
        JsonSerializer.Deserialize<VitalHistory>(JsonSerializer.Serialize(VitalHistory.Empty, options), options)!.Records.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_saved_form_reads_back_record_for_record_to_the_tick_and_offset(int seed)
    {
        var random = new Random(seed);
        var records = new List<VitalRecord>();
        var at = Start;
        for (var i = 0; i < VitalHistory.Capacity; i++)
        {
            at = at.AddTicks(random.Next(1, 3_000_000) * 1000L + random.Next(10_000));
            var offset = TimeSpan.FromMinutes(random.Next(4) == 0 ? 60 * random.Next(-3, 4) : 0);
            var measuredAt = random.Next(30) == 0 ? at.AddSeconds(-random.Next(1, 5_000)) : at;
            records.Add(new VitalRecord(
                measuredAt.ToOffset(offset),
                random.Next(8) == 0 ? null : random.Next(70, 101),
                random.Next(8) == 0 ? null : random.Next(5, 40),
                random.Next(8) == 0 ? null : random.Next(30, 180),
                random.Next(6) * 0.5 + (random.Next(10) == 0 ? 0.123456789 : 0),
                random.Next(10) == 0,
                (Level)random.Next(3)));
        }

        var history = new VitalHistory(records);
        foreach (var options in new[] { new JsonSerializerOptions(JsonSerializerDefaults.Web), new JsonSerializerOptions() })
        {
            var read = JsonSerializer.Deserialize<VitalHistory>(JsonSerializer.Serialize(history, options), options)!;

            read.Records.Should().Equal(records);
            read.Records.Select(r => r.MeasuredAt.Offset).Should().Equal(records.Select(r => r.MeasuredAt.Offset));
            read.Records.Select(r => r.MeasuredAt.Ticks).Should().Equal(records.Select(r => r.MeasuredAt.Ticks));
        }
    }

    // The history's add as it was before issue 14.
    private static List<VitalRecord> Added(List<VitalRecord> before, VitalRecord record, TimeSpan keep)
    {
        var records = new List<VitalRecord>(before);
        var index = records.FindLastIndex(r => r.MeasuredAt <= record.MeasuredAt) + 1;
        records.Insert(index, record);
        var cutoff = records[^1].MeasuredAt - keep;
        records.RemoveAll(r => r.MeasuredAt < cutoff);
        if (records.Count > VitalHistory.Capacity)
        {
            records.RemoveRange(0, records.Count - VitalHistory.Capacity);
        }

        return records;
    }
}
