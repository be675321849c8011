using System.Text.Json;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.History;

/// <summary>
/// The shared-array <see cref="VitalHistory"/> (issue 14) against the copying list it replaced, on random adds with
/// fixed seeds: mostly in time order, some out of order, some added to an older value (two histories grown from one
/// must not see each other's records), with the time and count bounds; and its saved form is the one it always had.
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
    public void The_saved_form_is_a_list_of_records_as_before()
    {
        var history = VitalHistory.Empty
            .Add(new VitalRecord(Start, 95, 16, 80, 2, false, Level.Green), TimeSpan.FromHours(48))
            .Add(new VitalRecord(Start.AddMinutes(1), 94, 17, 82, 2, true, Level.Orange), TimeSpan.FromHours(48));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(history, options);

        json.Should().Be("{\"records\":[{\"measuredAt\":\"2026-12-01T00:00:00+00:00\",\"spo2\":95,\"respiratoryRate\":16,\"heartRate\":80,\"oxygenFlow\":2,\"exertion\":false,\"level\":0},"
            + "{\"measuredAt\":\"2026-12-01T00:01:00+00:00\",\"spo2\":94,\"respiratoryRate\":17,\"heartRate\":82,\"oxygenFlow\":2,\"exertion\":true,\"level\":1}]}");
        JsonSerializer.Deserialize<VitalHistory>(json, options).Should().Be(history);
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
